import { DEFAULT_GATES, DEFAULT_SYSTEMIC, type SystemicThresholds } from "../defaults";
import { clusterMomentsOfSummary, type TallySummary } from "../signins/summary";
import { dominantCode, emptyTally } from "../signins/user-tally";
import type { ClusterMoments } from "../stats/cluster-robust";
import { alwaysValidExcess } from "../stats/cohort-excess";
import { errorBudget, type AlwaysValid } from "./error-budget";
import { percent } from "./gate-result";
import { isSpreadFailure, type FailureSpread } from "./spread-failure";

export interface SystemicInput {
  wave: { current: TallySummary; baseline: TallySummary };
  /** Users not enforced, over the same window; `baseline` is their observe-window counterpart. */
  control?: { current: TallySummary; baseline?: TallySummary };
  /**
   * Failure code → count for each cohort over the current window, when the caller has them: a
   * failure shared by both cohorts must then also share its error code.
   */
  codes?: { wave: Readonly<Record<string, number>>; control: Readonly<Record<string, number>> };
  /**
   * The systemic share of the plan's error budget (errorBudget(...).systemic): every "rose" below
   * holds over all looks of the bake at once. Default: the default plan's.
   */
  alwaysValid?: AlwaysValid;
  thresholds?: SystemicThresholds;
  sharedSpike?: SharedSpikeThresholds;
  /**
   * How the wave's own failures are spread, with the rates to test them against: an outage of the
   * MFA provider fails everyone who is prompted, which a control cohort that is rarely prompted
   * barely shows. `alpha`: its own share of the error budget (errorBudget(...).spread).
   */
  spread?: { wave: FailureSpread; allowedRate: number; brokenRate: number; alpha: number };
}

export interface SharedSpikeThresholds {
  /**
   * Unenforced users failing in the window before a rise of theirs counts as shared: one or two
   * people's phones fail on any day, several people failing at once while the wave fails do not.
   */
  minControlUsers: number;
}

export const DEFAULT_SHARED_SPIKE: SharedSpikeThresholds = Object.freeze({ minControlUsers: 3 });

/** Which evidence made the call, so the decision can say what failed in words. */
export type SystemicCause = "sharedOutage" | "serviceErrors" | "reportOnlyRise" | "spreadFailure";

export interface SystemicResult {
  systemic: boolean;
  /** The first rule that fired; null when not systemic. */
  cause: SystemicCause | null;
  /** The error code both cohorts share, when codes were given and agree. */
  code: number | null;
  reasons: string[];
  metrics: {
    waveExcess: number;
    controlExcess: number | null;
    controlExcessLower: number | null;
    controlUsersWithFailures: number | null;
    serviceFailures: number;
    usersWithServiceFailures: number;
    reportOnlyFailureRise: number | null;
    terminalFailures: number | null;
    usersWithTerminalFailures: number | null;
  };
}

const DEFAULT_ALWAYS_VALID = errorBudget(DEFAULT_GATES.health, DEFAULT_GATES.shrink).systemic;

const rateOf = (s: TallySummary) => (s.signIns === 0 ? 0 : s.failures / s.signIns);

/**
 * Is this failure bigger than the wave? If users the rollout has not touched fail as much, or
 * the failures are service errors spread over many users, the cause is an outage (the MFA
 * provider, the token service): pause, blame nobody, hold nobody back.
 */
export function detectSystemic(input: SystemicInput): SystemicResult {
  const t = input.thresholds ?? DEFAULT_SYSTEMIC;
  const { wave, control } = input;
  const sequential = input.alwaysValid ?? DEFAULT_ALWAYS_VALID;
  const rise = (now: ClusterMoments, before: ClusterMoments) =>
    alwaysValidExcess(now, before, sequential.alpha, sequential.tightestAt);
  const waveExcess = rateOf(wave.current) - rateOf(wave.baseline);
  const reasons: string[] = [];

  // 1. The control cohort (never enforced) fails more than before, in the same window as the wave.
  let controlExcess: number | null = null;
  let controlExcessLower: number | null = null;
  let cause: SystemicCause | null = null;
  let code: number | null = null;
  const reference = control?.baseline && control.baseline.signIns > 0 ? control.baseline : wave.baseline;
  if (control && control.current.signIns > 0 && reference.signIns > 0) {
    const bounds = rise(clusterMomentsOfSummary(control.current), clusterMomentsOfSummary(reference));
    controlExcess = bounds.estimate;
    controlExcessLower = bounds.lower;
    const users = control.current.usersWithFailures;
    // Unenforced users are challenged less often than the wave (only by other policies), so in an
    // outage their rate trails the wave's. But the rollout cannot make them fail at all: a rise of
    // theirs in the very window the wave's rate rose, across several people, is the same outage.
    const comparable = bounds.estimate >= t.comparableExcessRatio * Math.max(waveExcess, 0);
    const widespread = users >= t.minServiceUsers;
    const shared = sharedCode(input.codes);
    const codesAgree = input.codes === undefined || shared !== null;
    const sameWindow =
      waveRose(wave, rise) && users >= (input.sharedSpike ?? DEFAULT_SHARED_SPIKE).minControlUsers;
    if (bounds.lower > 0 && codesAgree && (comparable || widespread || sameWindow)) {
      cause = "sharedOutage";
      code = shared;
      const codeText = shared === null ? "" : ` with the wave's error ${shared}`;
      reasons.push(
        `users outside the wave fail too, in the same window${codeText}: control excess ${percent(bounds.estimate)} across ${users} users, against ${percent(Math.max(waveExcess, 0))} in the wave`,
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
    cause ??= "serviceErrors";
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
      const bounds = rise(now, before);
      reportOnlyFailureRise = bounds.estimate;
      if (bounds.lower > 0 && bounds.estimate >= t.comparableExcessRatio * Math.max(waveExcess, 0)) {
        cause ??= "reportOnlyRise";
        reasons.push(
          `report-only failures of users outside the wave rose by ${percent(bounds.estimate)} (they are not enforced)`,
        );
      }
    }
  }

  // 4. The wave's own failures end on a terminal code at the broken rate, spread over its users and
  // its apps: the provider refuses everyone it prompts. A broken app or phone is concentrated
  // (attribution holds its users back); enforcement's own cost is abandoned prompts, not refusals.
  const spread = input.spread;
  if (
    spread &&
    isSpreadFailure(spread.wave, {
      allowedRate: spread.allowedRate,
      brokenRate: spread.brokenRate,
      alpha: spread.alpha,
      minUsers: t.minServiceUsers,
      maxShareOfOne: t.maxServiceShareOfOneUser,
    })
  ) {
    cause ??= "spreadFailure";
    code ??= spread.wave.code;
    const w = spread.wave;
    reasons.push(
      `${w.terminalFailures} of the wave's ${w.attempts} sign-in attempts were refused at MFA${w.code === null ? "" : ` (error ${w.code})`}, spread across ${w.usersWithTerminalFailures} users and ${w.clustersWithFailures} app × client × platform combinations: not one app or user`,
    );
  }

  return {
    systemic: reasons.length > 0,
    cause,
    code,
    reasons,
    metrics: {
      waveExcess,
      controlExcess,
      controlExcessLower,
      controlUsersWithFailures: control ? control.current.usersWithFailures : null,
      serviceFailures,
      usersWithServiceFailures: serviceUsers,
      reportOnlyFailureRise,
      terminalFailures: spread ? spread.wave.terminalFailures : null,
      usersWithTerminalFailures: spread ? spread.wave.usersWithTerminalFailures : null,
    },
  };
}

/** Report-only results are not kept per user, so they count as independent trials. */
function reportOnlyProportion(summary: TallySummary): ClusterMoments {
  const r = summary.reportOnly;
  const n = r.success + r.failure + r.interrupted + r.notApplied;
  return { users: 0, n, f: r.failure, nn: 0, ff: 0, nf: 0 };
}

/** The wave's failure rate is significantly above its own baseline (or, without one, above zero). */
function waveRose(
  wave: SystemicInput["wave"],
  rise: (now: ClusterMoments, before: ClusterMoments) => { lower: number },
): boolean {
  if (wave.current.signIns === 0 || wave.current.failures === 0) return false;
  if (wave.baseline.signIns === 0) return true;
  return rise(clusterMomentsOfSummary(wave.current), clusterMomentsOfSummary(wave.baseline)).lower > 0;
}

/** The most frequent failure code of both cohorts when it is the same one; null otherwise. */
function sharedCode(codes: SystemicInput["codes"]): number | null {
  if (!codes) return null;
  const top = (counts: Readonly<Record<string, number>>) =>
    dominantCode({ ...emptyTally(), failureCodes: { ...counts } });
  const wave = top(codes.wave);
  return wave !== null && wave === top(codes.control) ? wave : null;
}
