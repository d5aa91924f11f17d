import type { HealthThresholds } from "../defaults";
import type { TallySummary } from "../signins/summary";
import { excessRateBounds } from "../stats/rate-difference";
import type { ProportionInterval } from "../stats/wilson";
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
  const observed = { x: wave.failures, n: wave.signIns };
  const bounds = (reference: RateMetrics | null) =>
    reference && reference.signIns > 0 && wave.signIns > 0
      ? excessRateBounds(observed, { x: reference.failures, n: reference.signIns }, thresholds.confidence)
      : null;

  const metrics: HealthMetrics = {
    wave,
    baseline,
    control,
    excessVsBaseline: bounds(baseline),
    excessVsControl: bounds(control),
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
    { name: "its baseline", b: metrics.excessVsBaseline },
    { name: "the control cohort", b: metrics.excessVsControl },
  ].filter((r): r is { name: string; b: ProportionInterval } => r.b !== null);

  if (references.length === 0) {
    return {
      verdict: waiting,
      reasons: ["no baseline or control sign-ins to compare the wave with"],
      metrics,
    };
  }

  const failing = references.filter((r) => r.b.lower > limit);
  if (failing.length > 0) {
    return {
      verdict: "Fail",
      reasons: [
        `MFA failures at ${percent(wave.rate)} of ${wave.signIns} sign-ins, above the ${percent(limit)} excess allowed`,
        ...failing.map((r) => describe(r.name, r.b)),
      ],
      metrics,
    };
  }
  if (references.every((r) => r.b.upper <= limit)) {
    return {
      verdict: "Pass",
      reasons: [
        `MFA failures at ${percent(wave.rate)} of ${wave.signIns} sign-ins, within the ${percent(limit)} excess allowed`,
        ...references.map((r) => describe(r.name, r.b)),
      ],
      metrics,
    };
  }
  return {
    verdict: waiting,
    reasons: [
      `not enough evidence yet to tell whether the excess is below ${percent(limit)}`,
      ...references.map((r) => describe(r.name, r.b)),
    ],
    metrics,
  };
}
