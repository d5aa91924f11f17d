/**
 * Every default threshold and hard limit of the rollout logic, in one place, so a reviewer can
 * see what "safe" means without reading the gates. Plans override the gate defaults per rollout
 * and per wave; the LIMITS are not overridable (they keep plans sane).
 */

export interface ReadinessThresholds {
  /** Share of the wave's users that must have registered a second factor (isMfaRegistered). */
  minRegisteredShare: number;
  /** Largest share of the wave's users whose sign-ins the report-only policy would have failed. */
  maxPredictedFailureShare: number;
}

export interface HealthThresholds {
  /**
   * Largest tolerated excess failure rate (wave minus reference), as a proportion of sign-in
   * attempts. Enforcement itself costs failed attempts that report-only never shows: people
   * abandon or decline a few percent of prompts, and most attempts of a newly enforced user are
   * prompted, so a healthy wave's failed attempts rise by about 2 points (docs/SIGN-IN-EVIDENCE.md).
   * The default leaves room for that; a broken method or app fails far more, and a few broken
   * phones are held back by attribution without moving the wave's rate at all.
   */
  maxExcessFailureRate: number;
  /** Confidence of the one-sided bounds used to call Pass or Fail. */
  confidence: number;
  /** Sign-in attempts the wave must have made in the bake before any verdict other than Pending. */
  minSignIns: number;
  /** How many times an inconclusive bake may be extended before the rollout pauses. */
  maxExtensions: number;
  /** ISO 8601 duration each extension adds to the bake. */
  extendBy: string;
  /** ISO 8601 duration between health checks during the bake. */
  checkEvery: string;
  /**
   * The largest chance that a wave with no excess failures is paused or has users held back, over
   * its whole bake however often it is checked (extensions and re-checks included). Spent in three
   * equal parts on the health gate's Fail, the systemic check and the hold-backs (error-budget.ts).
   */
  maxFalseAlarmRate: number;
  /**
   * Effective sign-in attempts at which the always-valid bounds are tightest: about what a wave
   * produces in its bake. Any value keeps maxFalseAlarmRate; a good one detects sooner.
   */
  tightestAtAttempts: number;
}

export interface ShrinkThresholds {
  /** Above this share of a wave held back, the problem is not "a few phones": pause instead. */
  maxHeldBackShare: number;
  /** ISO 8601 duration after which held-back users are tried again. */
  retryAfter: string;
  /**
   * A user is held back only on evidence that their attempts fail at this rate rather than at the
   * base rate (a sequential likelihood ratio, error-budget.ts): one unlucky day is not a broken app.
   */
  brokenFailureRate: number;
}

export interface GateThresholds {
  readiness: ReadinessThresholds;
  health: HealthThresholds;
  shrink: ShrinkThresholds;
}

export const DEFAULT_GATES: GateThresholds = Object.freeze({
  readiness: Object.freeze({ minRegisteredShare: 0.9, maxPredictedFailureShare: 0.05 }),
  health: Object.freeze({
    maxExcessFailureRate: 0.05,
    confidence: 0.95,
    minSignIns: 200,
    maxExtensions: 3,
    extendBy: "P1D",
    checkEvery: "PT6H",
    maxFalseAlarmRate: 0.05,
    tightestAtAttempts: 1000,
  }),
  shrink: Object.freeze({ maxHeldBackShare: 0.1, retryAfter: "P7D", brokenFailureRate: 0.5 }),
}) as GateThresholds;

/** How concentrated failures must be before we blame a few users rather than the rollout. */
export interface AttributionThresholds {
  /** The smallest group of users (or one cluster) must explain at least this share of the excess. */
  minShareOfExcess: number;
  /** At most this many users may be blamed by user concentration (also capped by maxHeldBackShare). */
  maxUsers: number;
  /** A user is only blamed with at least this many failed attempts (one abandoned prompt is noise). */
  minUserFailures: number;
  /**
   * A concentrated failure is acted on even while the wave as a whole passes when the blamed
   * users' sign-ins (in the blamed app and platform) fail at least this often: three phones on
   * which an app always fails must not wait for the wave's average to notice.
   */
  minBlamedFailureRate: number;
}

export const DEFAULT_ATTRIBUTION: AttributionThresholds = Object.freeze({
  minShareOfExcess: 0.8,
  maxUsers: 25,
  minUserFailures: 2,
  minBlamedFailureRate: 0.3,
});

/** When failures outside the wave make a failure systemic (an MFA provider outage), not the wave's fault. */
export interface SystemicThresholds {
  /** The control cohort's excess counts as "comparable" at this fraction of the wave's excess. */
  comparableExcessRatio: number;
  /** Service-error failures needed before they alone can call an outage. */
  minServiceFailures: number;
  /** ... spread over at least this many distinct users. */
  minServiceUsers: number;
  /** ... and no single user accounts for more than this share of them (else it is one broken client). */
  maxServiceShareOfOneUser: number;
}

export const DEFAULT_SYSTEMIC: SystemicThresholds = Object.freeze({
  comparableExcessRatio: 0.5,
  minServiceFailures: 20,
  minServiceUsers: 5,
  maxServiceShareOfOneUser: 0.5,
});

/** Hard limits on plans, not overridable: they stop plans that cannot produce evidence or never end. */
export const LIMITS = Object.freeze({
  /** Less than an hour of report-only observation gives the readiness gate nothing to read. */
  minObserveFor: "PT1H",
  /** Sign-in logs are kept 30 days on P1/P2: a longer window would read data that is gone. */
  maxObserveFor: "P30D",
  minBakeFor: "PT1H",
  /** 95% of sign-in rows take up to 2 minutes to reach the API, 99% up to 5 (reporting latency). */
  minSettle: "PT5M",
  maxSettle: "P2D",
  minLateTail: "PT10M",
  maxLateTail: "P2D",
  maxBakeFor: "P30D",
  minCheckEvery: "PT15M",
  /** Sign-in logs are kept 30 days on P1/P2; a watch a quarter long sees a quarter's close. */
  maxWatchFor: "P92D",
  maxWatchCheckEvery: "P1D",
  minRetryAfter: "PT1H",
  maxWaves: 50,
  maxExtensions: 20,
  /** Rollout ids double as orchestration instance ids and table keys. */
  rolloutIdPattern: /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/,
});

/**
 * Sign-in error codes of an MFA prompt: an interrupt, logged before the row that completes the
 * sign-in in the same correlation (Entra error-code reference,
 * MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md). A row with one of
 * these is no failure by itself: the attempt fails only if nothing completes it within
 * ATTEMPT_WINDOW, or if the client cannot answer a prompt at all (legacy authentication, a
 * non-interactive credential).
 */
export const MFA_INTERRUPT_CODES: readonly number[] = Object.freeze([50074, 50076, 50072, 50079]);

/**
 * Codes that end an attempt at the MFA requirement or Conditional Access: external challenge not
 * satisfied, blocked, proof-up blocked, strong authentication failed (500121: denied, timed out,
 * or the MFA service failed; widely seen, not on the official page).
 */
export const MFA_TERMINAL_CODES: readonly number[] = Object.freeze([
  50158, 53003, 530032, 53004, 50131, 500121,
]);

/**
 * Every code an attempt can end on that the rollout may have caused. Others (50126 wrong password,
 * 50053 locked, 50057 disabled, ...) are not the rollout's doing and never count for a gate.
 */
export const MFA_FAILURE_CODES: readonly number[] = Object.freeze([
  ...MFA_INTERRUPT_CODES,
  ...MFA_TERMINAL_CODES,
]);

/**
 * How long after a prompt a completing row may follow in the same attempt: Entra logs the
 * interrupt and the success seconds to a minute apart; a prompt with nothing after it for this
 * long was abandoned (or never reached the user). Also how far each read of the log looks past
 * the stretch it counts, so an attempt's rows are read together whichever read counts it.
 */
export const ATTEMPT_WINDOW = "PT10M";

/** Defaults of the plan's `evidence` settings (see plan-schema.ts). */
export interface EvidenceSettings {
  /**
   * How long the sign-in log is given to settle: each read counts the log up to `now - settle`
   * only, since rows reach the API minutes (sometimes hours) after the sign-in.
   */
  settle: string;
  /**
   * The longest tail of the log a read re-reads because rows were seen arriving late: attempts
   * that began within the tail stay pending until rows that late have had time to arrive
   * (shared/domain/signins/late-tail.ts).
   */
  maxLateTail: string;
}

export const DEFAULT_EVIDENCE: EvidenceSettings = Object.freeze({ settle: "PT30M", maxLateTail: "P1D" });

/** Defaults of the plan's `watch` settings (see plan-schema.ts and docs/WATCH.md). */
export interface WatchSettings {
  /**
   * How long a wave's enforced users stay under observation after its bake: line-of-business apps
   * are used at month end or quarter close, which a bake of days cannot see.
   */
  for: string;
  /** How often the watch looks at the evidence gathered since its last look. */
  checkEvery: string;
}

export const DEFAULT_WATCH: WatchSettings = Object.freeze({ for: "P30D", checkEvery: "PT6H" });

/**
 * Codes that mean the service, not the user, failed (transient token-service errors, telephony
 * MFA limits, on-premises agent timeouts). Spread across many users they signal an outage.
 * The list is a judgement from the Entra error-code reference (AADSTS50000, 90033, 50088,
 * 80001/80002/80005/80007) and is exported so callers and the simulator agree on it.
 */
export const SERVICE_ERROR_CODES: readonly number[] = Object.freeze([
  50000, 90033, 50088, 80001, 80002, 80005, 80007,
]);

/**
 * clientAppUsed values of legacy authentication: these clients cannot answer an MFA prompt, so
 * a user who only signs in this way will be locked out by enforcement.
 */
export const LEGACY_CLIENT_APPS: readonly string[] = Object.freeze([
  "Exchange ActiveSync",
  "IMAP4",
  "POP3",
  "SMTP",
  "Authenticated SMTP",
  "MAPI Over HTTP",
  "Autodiscover",
  "Exchange Web Services",
  "Exchange Online PowerShell",
  "Offline Address Book",
  "Outlook Anywhere (RPC over HTTP)",
  "Reporting Web Services",
  "Other clients",
]);

/** The one policy template the product knows (docs/DESIGN.md: "require MFA for all cloud apps"). */
export const POLICY_TEMPLATES = ["require-mfa-all-apps"] as const;
export type PolicyTemplate = (typeof POLICY_TEMPLATES)[number];
