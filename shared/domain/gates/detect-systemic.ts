import { DEFAULT_SYSTEMIC, type SystemicThresholds } from "../defaults";
import type { TallySummary } from "../signins/summary";
import { excessRateBounds } from "../stats/rate-difference";
import { percent } from "./gate-result";

export interface SystemicInput {
  wave: { current: TallySummary; baseline: TallySummary };
  /** Users not enforced, over the same window; `baseline` is their observe-window counterpart. */
  control?: { current: TallySummary; baseline?: TallySummary };
  confidence: number;
  thresholds?: SystemicThresholds;
}

export interface SystemicResult {
  systemic: boolean;
  reasons: string[];
  metrics: {
    waveExcess: number;
    controlExcess: number | null;
    controlExcessLower: number | null;
    serviceFailures: number;
    usersWithServiceFailures: number;
    reportOnlyFailureRise: number | null;
  };
}

const rateOf = (s: TallySummary) => (s.signIns === 0 ? 0 : s.failures / s.signIns);

/**
 * Is this failure bigger than the wave? If users the rollout has not touched fail as much, or
 * the failures are service errors spread over many users, the cause is an outage (the MFA
 * provider, the token service): pause, blame nobody, hold nobody back.
 */
export function detectSystemic(input: SystemicInput): SystemicResult {
  const t = input.thresholds ?? DEFAULT_SYSTEMIC;
  const { wave, control } = input;
  const waveExcess = rateOf(wave.current) - rateOf(wave.baseline);
  const reasons: string[] = [];

  // 1. The control cohort (never enforced) fails more than before, comparably to the wave.
  let controlExcess: number | null = null;
  let controlExcessLower: number | null = null;
  const reference = control?.baseline && control.baseline.signIns > 0 ? control.baseline : wave.baseline;
  if (control && control.current.signIns > 0 && reference.signIns > 0) {
    const bounds = excessRateBounds(
      { x: control.current.failures, n: control.current.signIns },
      { x: reference.failures, n: reference.signIns },
      input.confidence,
    );
    controlExcess = bounds.estimate;
    controlExcessLower = bounds.lower;
    // Unenforced users are challenged less often than the wave, so their rate can trail the
    // wave's in an outage; but the rollout cannot be what makes many of them fail at all.
    const comparable = bounds.estimate >= t.comparableExcessRatio * Math.max(waveExcess, 0);
    const widespread = control.current.usersWithFailures >= t.minServiceUsers;
    if (bounds.lower > 0 && (comparable || widespread)) {
      reasons.push(
        `users outside the wave fail too: control excess ${percent(bounds.estimate)} across ${control.current.usersWithFailures} users, against ${percent(Math.max(waveExcess, 0))} in the wave`,
      );
    }
  }

  // 2. Service errors spread over many users.
  const serviceFailures = wave.current.serviceFailures + (control?.current.serviceFailures ?? 0);
  const serviceUsers =
    wave.current.usersWithServiceFailures + (control?.current.usersWithServiceFailures ?? 0);
  const worstUser = Math.max(
    wave.current.maxServiceFailuresOfOneUser,
    control?.current.maxServiceFailuresOfOneUser ?? 0,
  );
  if (
    serviceFailures >= t.minServiceFailures &&
    serviceUsers >= t.minServiceUsers &&
    worstUser <= t.maxServiceShareOfOneUser * serviceFailures
  ) {
    reasons.push(
      `${serviceFailures} service errors across ${serviceUsers} users: looks like a service outage`,
    );
  }

  // 3. Report-only evaluations of users outside the wave fail more than they used to.
  let reportOnlyFailureRise: number | null = null;
  if (control?.baseline) {
    const now = reportOnlyProportion(control.current);
    const before = reportOnlyProportion(control.baseline);
    if (now.n > 0 && before.n > 0) {
      const bounds = excessRateBounds(now, before, input.confidence);
      reportOnlyFailureRise = bounds.estimate;
      if (bounds.lower > 0 && bounds.estimate >= t.comparableExcessRatio * Math.max(waveExcess, 0)) {
        reasons.push(
          `report-only failures of users outside the wave rose by ${percent(bounds.estimate)} (they are not enforced)`,
        );
      }
    }
  }

  return {
    systemic: reasons.length > 0,
    reasons,
    metrics: {
      waveExcess,
      controlExcess,
      controlExcessLower,
      serviceFailures,
      usersWithServiceFailures: serviceUsers,
      reportOnlyFailureRise,
    },
  };
}

function reportOnlyProportion(summary: TallySummary): { x: number; n: number } {
  const r = summary.reportOnly;
  return { x: r.failure, n: r.success + r.failure + r.interrupted + r.notApplied };
}
