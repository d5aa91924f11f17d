import type { BenchFigure, BenchGoal } from "./bench-types";

/** Whether `value` satisfies `goal` (a missing or non-finite value never does). */
export function meetsGoal(value: number, goal: BenchGoal): boolean {
  if (!Number.isFinite(value)) return false;
  switch (goal.op) {
    case "<=":
      return value <= goal.value;
    case ">=":
      return value >= goal.value;
    case "<":
      return value < goal.value;
  }
}

/** A figure with `met` worked out from its goal (sections may leave it out). */
export function figure(label: string, value: number, unit: string, goal?: BenchGoal): BenchFigure {
  return goal ? { label, value, unit, goal, met: meetsGoal(value, goal) } : { label, value, unit };
}
