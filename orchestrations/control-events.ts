/**
 * External events an admin or a timer raises. A raised event with no open wait is buffered by
 * Durable Functions and consumed by the next wait of that name, so every handler re-checks
 * that the event still makes sense (an `advance` outside the change window is ignored).
 */
export const ControlEvents = {
  pause: "pause",
  resume: "resume",
  approve: "approve",
  advance: "advance",
  abort: "abort",
  retryHeldBack: "retryHeldBack",
} as const;

export type ControlEventName = (typeof ControlEvents)[keyof typeof ControlEvents];

export interface ControlEventData {
  actor: string;
  reason?: string;
  /** Set by `abort`: also move this wave's enforced users back to report-only. */
  stepBack?: boolean;
}
