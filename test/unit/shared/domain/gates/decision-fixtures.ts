import type {
  AttributionResult,
  DecisionState,
  HealthResult,
  ReadinessResult,
  Verdict,
} from "../../../../../shared/domain";

/** Inputs for decide(): gate results reduced to what the decision reads. */
export const limits = { maxExtensions: 2, maxHeldBackShare: 0.1 };

export const health = (verdict: Verdict, reasons = [`${verdict} because`]): HealthResult => ({
  verdict,
  reasons,
  metrics: {} as never,
});

/** A health decision's state: a complete bake of a 100-user wave, nothing granted or held back yet. */
export const bake = (over: Partial<DecisionState> = {}): DecisionState => ({
  gate: "health",
  bakeComplete: true,
  extensions: 0,
  waveSize: 100,
  heldBack: 0,
  ...over,
});

export const users = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, reason: "Contoso Invoicing on iOS: 3 of 3" }));

/** An attribution concentrated on one app and platform, naming `n` users. */
export const blame = (n: number, over: Partial<AttributionResult> = {}): AttributionResult => ({
  concentrated: true,
  actionable: false,
  kind: "cluster",
  holdBack: users(n),
  metrics: {
    excessFailures: 9,
    explainedShare: 1,
    topCluster: null,
    topClusterShare: 1,
    blamedFailureRate: 0.9,
    dominantCode: 50074,
  },
  ...over,
});

/** A readiness decision's state: a 50-user wave, nothing granted or held back yet. */
export const readinessState: DecisionState = {
  gate: "readiness",
  bakeComplete: false,
  extensions: 0,
  waveSize: 50,
  heldBack: 0,
};

export const readiness = (over: Partial<ReadinessResult>): ReadinessResult => ({
  verdict: "Pass",
  reasons: ["95% registered", "no legacy clients"],
  metrics: {} as never,
  holdBack: [],
  passesAfterHoldBack: true,
  ...over,
});
