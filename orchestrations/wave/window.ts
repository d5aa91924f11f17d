import { isInsideChangeWindow, type Schedule } from "#shared/domain";

/** Deterministic: the orchestrator's replayed time and the plan's schedule decide alone. */
export function isInsideWindow(schedule: unknown, at: Date): boolean {
  return isInsideChangeWindow(schedule as Schedule, at);
}
