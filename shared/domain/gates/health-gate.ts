import type { HealthThresholds } from "../defaults";
import { clusterMomentsOfSummary, type TallySummary } from "../signins/summary";
import type { ClusterMoments } from "../stats/cluster-robust";
import { alwaysValidExcess, clusteredExcess } from "../stats/cohort-excess";
import { oneSidedZ } from "../stats/normal-quantile";
import type { ProportionInterval } from "../stats/wilson";
import { ERROR_BUDGET_PARTS } from "./error-budget";
import { percent, type GateResult, type Verdict } from "./gate-result";

export interface HealthInput {
  /** The wave since enforcement (`current`) and the same users before it (`baseline`, observe window). */
  wave: { current: TallySummary; baseline: TallySummary };
  /** Population not yet enforced, over the same window as `wave.current`: same day, same outages. */
  control?: { current: TallySummary; baseline?: TallySummary };
  thresholds: HealthThresholds;
  /** The bake is over: missing evidence is now Inconclusive (extend or pause), not Pending. */
  bakeComplete: boolean;
}

export interface RateMetrics {
  signIns: number;
  failures: number;
  rate: number;
}

export interface HealthMetrics {
  wave: RateMetrics;
  baseline: RateMetrics;
  control: RateMetrics | null;
  /** One-sided bounds on wave minus reference at `confidence`; null without a reference sample. */
  excessVsBaseline: ProportionInterval | null;
  excessVsControl: ProportionInterval | null;
  /**
   * Bounds that hold at every look of the bake at once (confidence-sequence.ts): Fail needs their
   * lower end above the limit, so checking every six hours does not multiply false alarms.
   */
  alwaysValidVsBaseline: ProportionInterval | null;
  alwaysValidVsControl: ProportionInterval | null;
  /**
   * Bounds against the baseline and the control cohort pooled (when both exist): what Pass reads.
   * Each reference alone is often too small to show a wave healthy under everyday noise.
   */
  excessVsReferences: ProportionInterval | null;
  /** How much one user's attempts hang together (1 = independent), per cohort. */
  designEffect: { wave: number; baseline: number | null; control: number | null };
  minSignIns: number;
  maxExcessFailureRate: number;
  confidence: number;
}

export type HealthResult = GateResult<HealthMetrics>;

function rate(summary: TallySummary): RateMetrics {
  return {
    signIns: summary.signIns,
    failures: summary.failures,
    rate: summary.signIns === 0 ? 0 : summary.failures / summary.signIns,
  };
}

/**
 * Has enforcement made sign-ins fail? The wave's MFA-failure rate is compared with its own
 * baseline and with a not-yet-enforced control cohort. Fail needs confidence that the excess is
 * above the limit; Pass needs confidence it is below, against every reference there is;
 * anything in between waits (Pending) or, once the bake is over, is Inconclusive.
 */
export function evaluateHealth(input: HealthInput): HealthResult {
  const { thresholds } = input;
  const wave = rate(input.wave.current);
  const baseline = rate(input.wave.baseline);
  const control = input.control ? rate(input.control.current) : null;
  const observed = clusterMomentsOfSummary(input.wave.current);
  const usable = (reference: TallySummary | undefined) =>
    reference && reference.signIns > 0 && wave.signIns > 0 ? clusterMomentsOfSummary(reference) : null;
  const baselineMoments = usable(input.wave.baseline);
  const controlMoments = usable(input.control?.current);
  // Pass acts at the end of the bake, so its bound is a single look's; Fail may come at any look.
  const perLook = oneSidedZ(thresholds.confidence);
  const alpha = thresholds.maxFalseAlarmRate / ERROR_BUDGET_PARTS;
  const bounds = (reference: typeof observed | null) =>
    reference ? clusteredExcess(observed, reference, perLook) : null;
  const alwaysValid = (reference: typeof observed | null) =>
    reference ? alwaysValidExcess(observed, reference, alpha, thresholds.tightestAtAttempts) : null;
  const vsBaseline = bounds(baselineMoments);
  const vsControl = bounds(controlMoments);
  const pooled = baselineMoments && controlMoments ? pooledMoments(baselineMoments, controlMoments) : null;

  const metrics: HealthMetrics = {
    wave,
    baseline,
    control,
    excessVsBaseline: vsBaseline,
    excessVsControl: vsControl,
    alwaysValidVsBaseline: alwaysValid(baselineMoments),
    alwaysValidVsControl: alwaysValid(controlMoments),
    excessVsReferences: pooled ? bounds(pooled) : (vsBaseline ?? vsControl),
    designEffect: {
      wave: (vsBaseline ?? vsControl)?.designEffects[0] ?? 1,
      baseline: vsBaseline?.designEffects[1] ?? null,
      control: vsControl?.designEffects[1] ?? null,
    },
    minSignIns: thresholds.minSignIns,
    maxExcessFailureRate: thresholds.maxExcessFailureRate,
    confidence: thresholds.confidence,
  };
  const waiting: Verdict = input.bakeComplete ? "Inconclusive" : "Pending";
  const limit = thresholds.maxExcessFailureRate;
  const describe = (name: string, b: ProportionInterval) =>
    `excess over ${name} ${percent(b.estimate)} (${percent(thresholds.confidence)} bounds ${percent(b.lower)} to ${percent(b.upper)})`;

  if (wave.signIns < thresholds.minSignIns) {
    return {
      verdict: waiting,
      reasons: [`${wave.signIns} of the ${thresholds.minSignIns} sign-ins needed since enforcement`],
      metrics,
    };
  }

  const references = [
    { name: "its baseline", b: metrics.excessVsBaseline, always: metrics.alwaysValidVsBaseline },
    { name: "the control cohort", b: metrics.excessVsControl, always: metrics.alwaysValidVsControl },
  ].filter(
    (r): r is { name: string; b: ProportionInterval; always: ProportionInterval } =>
      r.b !== null && r.always !== null,
  );

  if (references.length === 0) {
    return {
      verdict: waiting,
      reasons: ["no baseline or control sign-ins to compare the wave with"],
      metrics,
    };
  }

  const failing = references.filter((r) => r.always.lower > limit);
  if (failing.length > 0) {
    return {
      verdict: "Fail",
      reasons: [
        `MFA failures at ${percent(wave.rate)} of ${wave.signIns} sign-ins, above the ${percent(limit)} excess allowed`,
        ...failing.map(
          (r) =>
            `excess over ${r.name} ${percent(r.always.estimate)} (at least ${percent(r.always.lower)} with ${percent(1 - alpha)} confidence over the whole bake)`,
        ),
      ],
      metrics,
    };
  }
  const together = metrics.excessVsReferences;
  const togetherText =
    pooled && together ? [describe("its baseline and the control cohort together", together)] : [];
  if (together && together.upper <= limit) {
    return {
      verdict: "Pass",
      reasons: [
        `MFA failures at ${percent(wave.rate)} of ${wave.signIns} sign-ins, within the ${percent(limit)} excess allowed`,
        ...togetherText,
        ...references.map((r) => describe(r.name, r.b)),
      ],
      metrics,
    };
  }
  return {
    verdict: waiting,
    reasons: [
      `not enough evidence yet to tell whether the excess is below ${percent(limit)}`,
      ...togetherText,
      ...references.map((r) => describe(r.name, r.b)),
    ],
    metrics,
  };
}

/** Two references as one sample: their users are different clusters, so the moments add up. */
function pooledMoments(a: ClusterMoments, b: ClusterMoments): ClusterMoments {
  return {
    users: a.users + b.users,
    n: a.n + b.n,
    f: a.f + b.f,
    nn: a.nn + b.nn,
    ff: a.ff + b.ff,
    nf: a.nf + b.nf,
  };
}
