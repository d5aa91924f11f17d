import type { GateThresholds, HealthCheck } from "../domain";
import type { UserSlot, UserStage } from "../store";
import { completeness, type Coverage } from "../store/counter-windows";
import { gatesOf, type RolloutFacts } from "../store/rollout-facts";
import { waveUsers } from "./wave-users";

/** What the orchestrator asks a readiness or health gate. */
export interface GateInput {
  rolloutId: string;
  waveIndex: number;
  at: string;
  extensions: number;
  /** The bake is over: Pass now means proceed rather than keep baking. */
  bakeComplete?: boolean;
  segment?: number;
}

/** A wave as a gate weighs it: its thresholds, the users it judges, and those held back so far. */
export interface WaveCohort {
  gates: GateThresholds;
  judged: string[];
  heldBack: string[];
}

/** Every gate (readiness, health, watch) starts here: the wave's users from the users snapshot. */
export function waveCohort(
  facts: RolloutFacts,
  slots: ReadonlyMap<string, UserSlot>,
  waveIndex: number,
  judged: UserStage,
): WaveCohort {
  return {
    gates: gatesOf(facts, waveIndex),
    judged: waveUsers(slots, waveIndex, judged),
    heldBack: waveUsers(slots, waveIndex, "heldBack"),
  };
}

/** The size of the wave as decide() counts it: a shrink may hold back only so much of it. */
export function cohortState(cohort: WaveCohort, extensions: number) {
  return {
    extensions,
    waveSize: cohort.judged.length + cohort.heldBack.length,
    heldBack: cohort.heldBack.length,
  };
}

/**
 * A health check (a bake's or the watch's) as its gate row keeps it: the reasons an operator reads,
 * with how far the evidence is complete, and the metrics; `extra` metrics sit before the
 * attribution's.
 */
export function healthFindings(
  check: HealthCheck,
  coverage: Coverage | undefined,
  extra: Record<string, unknown> = {},
): { reasons: string[]; metrics: Record<string, unknown> } {
  return {
    reasons: [
      ...check.health.reasons,
      ...(check.systemic.systemic ? check.systemic.reasons : []),
      completeness(coverage),
    ],
    metrics: {
      ...check.health.metrics,
      systemic: check.systemic.systemic,
      ...extra,
      attribution: check.attribution.metrics,
      evidenceUntil: evidenceUntil(coverage),
    },
  };
}

/** Where the window's complete attempts end, for the gate row; null before any stretch settled. */
export function evidenceUntil(coverage: Coverage | undefined): string | null {
  return coverage ? new Date(coverage.until).toISOString() : null;
}
