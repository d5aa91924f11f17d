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
  /** An admin ends the watch early: nobody is held back by it any more (docs/WATCH.md). */
  endWatch: "endWatch",
} as const;

export type ControlEventName = (typeof ControlEvents)[keyof typeof ControlEvents];

export interface ControlEventData {
  actor: string;
  reason?: string;
  /** Set by `abort`: also move this wave's enforced users back to report-only. */
  stepBack?: boolean;
}

/**
 * All an admin's event carries: the id of the `request:<action>` audit row the HTTP layer wrote
 * for the authenticated caller before raising it. Who asked, and why, is read back from that row
 * (orchestrations/trusted-control.ts), never from the event, so an event raised by anyone else
 * (through the extension's own webhooks, say) names no one and is refused.
 */
export interface RaisedControlEvent {
  requestId: string;
}

/** The HTTP action whose request row may release each admin event. */
export const REQUEST_ACTION_OF: Readonly<Partial<Record<ControlEventName, string>>> = {
  pause: "pause",
  resume: "resume",
  approve: "approve",
  abort: "abort",
  retryHeldBack: "retry-held-back",
  endWatch: "end-watch",
};
