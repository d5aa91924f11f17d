import { IANAZone, DateTime } from "luxon";
import { z } from "zod";
import { LIMITS, POLICY_TEMPLATES } from "../defaults";
import { tryIsoDurationMs } from "../schedule/iso-duration";
import { GUID_PATTERN } from "./guid";

/**
 * The zod schema of a rollout plan: shape and field-local rules (formats, ranges, duration
 * bounds). Rules that relate fields to each other live in plan-semantics.ts, which also runs
 * when the shape is wrong, so an admin sees every problem at once.
 */

const guid = z
  .string({ error: "must be a GUID" })
  .regex(GUID_PATTERN, { error: "must be a GUID like 6a1f0c2e-0000-4000-8000-000000000001" })
  .transform((id) => id.toLowerCase());

function isoDuration(bounds: { min?: string; max?: string } = {}) {
  return z.string({ error: "must be an ISO 8601 duration like PT1H or P7D" }).superRefine((text, ctx) => {
    const ms = tryIsoDurationMs(text);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not an ISO 8601 duration (e.g. PT1H, P7D)` });
      return;
    }
    if (ms <= 0) {
      ctx.addIssue({ code: "custom", message: `must be longer than zero (got "${text}")` });
      return;
    }
    const min = bounds.min === undefined ? null : tryIsoDurationMs(bounds.min);
    const max = bounds.max === undefined ? null : tryIsoDurationMs(bounds.max);
    if (min !== null && ms < min)
      ctx.addIssue({ code: "custom", message: `must be at least ${bounds.min} (got "${text}")` });
    if (max !== null && ms > max)
      ctx.addIssue({ code: "custom", message: `must be at most ${bounds.max} (got "${text}")` });
  });
}

const share = z.number({ error: "must be a number" });
const unitShare = share
  .min(0, { error: "must be between 0 and 1" })
  .max(1, { error: "must be between 0 and 1" });

const policySchema = z
  .strictObject({
    template: z.string({ error: "must be a string" }).optional(),
    copyFrom: guid.optional(),
  })
  .superRefine((policy, ctx) => {
    const given = [policy.template, policy.copyFrom].filter((v) => v !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", message: "give exactly one of template or copyFrom" });
    if (policy.template !== undefined && !(POLICY_TEMPLATES as readonly string[]).includes(policy.template)) {
      ctx.addIssue({
        code: "custom",
        path: ["template"],
        message: `unknown policy template "${policy.template}"; known: ${POLICY_TEMPLATES.join(", ")}`,
      });
    }
  })
  .transform((policy) =>
    policy.copyFrom !== undefined
      ? { copyFrom: policy.copyFrom }
      : { template: policy.template as (typeof POLICY_TEMPLATES)[number] },
  );

const populationSchema = z
  .strictObject({
    groupIds: z.array(guid).optional(),
    userIds: z.array(guid).optional(),
  })
  .superRefine((population, ctx) => {
    if ((population.groupIds?.length ?? 0) + (population.userIds?.length ?? 0) === 0) {
      ctx.addIssue({ code: "custom", message: "give at least one group id or user id" });
    }
  });

const selectSchema = z
  .strictObject({
    groupId: guid.optional(),
    userIds: z.array(guid).min(1, { error: "must list at least one user id" }).optional(),
    share: share
      .gt(0, { error: "must be greater than 0 (a share of the remaining population)" })
      .max(1, { error: "must be at most 1 (a share of the remaining population)" })
      .optional(),
    count: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .positive({ error: "must be at least 1" })
      .optional(),
  })
  .superRefine((select, ctx) => {
    const given = Object.values(select).filter((v) => v !== undefined).length;
    if (given !== 1)
      ctx.addIssue({ code: "custom", message: "give exactly one of groupId, userIds, share or count" });
  })
  .transform((select): WaveSelect => {
    if (select.groupId !== undefined) return { groupId: select.groupId };
    if (select.userIds !== undefined) return { userIds: select.userIds };
    if (select.share !== undefined) return { share: select.share };
    return { count: select.count as number };
  });

const readinessOverrides = z.strictObject({
  minRegisteredShare: unitShare.optional(),
  maxPredictedFailureShare: unitShare.optional(),
});

const healthOverrides = z.strictObject({
  maxExcessFailureRate: unitShare.optional(),
  confidence: share
    .gt(0.5, { error: "must be above 0.5 and below 1 (e.g. 0.95)" })
    .lt(1, { error: "must be above 0.5 and below 1 (e.g. 0.95)" })
    .optional(),
  minSignIns: z
    .number()
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .optional(),
  maxExtensions: z
    .number()
    .int({ error: "must be a whole number" })
    .min(0, { error: "must not be negative" })
    .max(LIMITS.maxExtensions, { error: `must be at most ${LIMITS.maxExtensions}` })
    .optional(),
  extendBy: isoDuration({ max: LIMITS.maxBakeFor }).optional(),
  checkEvery: isoDuration({ min: LIMITS.minCheckEvery }).optional(),
  maxFalseAlarmRate: share
    .gt(0, { error: "must be above 0 and at most 0.5 (e.g. 0.05)" })
    .max(0.5, { error: "must be above 0 and at most 0.5 (e.g. 0.05)" })
    .optional(),
  tightestAtAttempts: z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(10, { error: "must be at least 10" })
    .max(10_000_000, { error: "must be at most 10000000" })
    .optional(),
});

const shrinkOverrides = z.strictObject({
  maxHeldBackShare: unitShare.optional(),
  retryAfter: isoDuration({ min: LIMITS.minRetryAfter }).optional(),
  brokenFailureRate: share
    .gt(0, { error: "must be above 0 and below 1 (e.g. 0.5)" })
    .lt(1, { error: "must be above 0 and below 1 (e.g. 0.5)" })
    .optional(),
});

export const gateOverridesSchema = z.strictObject({
  readiness: readinessOverrides.optional(),
  health: healthOverrides.optional(),
  shrink: shrinkOverrides.optional(),
});

const waveSchema = z.strictObject({
  name: z.string({ error: "must be a string" }).trim().min(1, { error: "must not be empty" }).max(64),
  select: selectSchema,
  observeFor: isoDuration({ min: LIMITS.minObserveFor, max: LIMITS.maxObserveFor }),
  bakeFor: isoDuration({ min: LIMITS.minBakeFor, max: LIMITS.maxBakeFor }),
  requireApproval: z.boolean({ error: "must be true or false" }).default(false),
  gates: gateOverridesSchema.optional(),
});

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a 24-hour time "HH:mm"' });

/** end > start is checked in plan-semantics.ts, so it is reported even when a day name is wrong. */
const changeWindowSchema = z.strictObject({
  days: z
    .array(z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(", ")}` }))
    .min(1, { error: "must list at least one day" }),
  start: clock,
  end: clock,
});

const scheduleSchema = z.strictObject({
  timeZone: z.string({ error: "must be an IANA time zone" }).refine((zone) => IANAZone.isValidZone(zone), {
    error: (issue) => `unknown time zone "${String(issue.input)}" (use an IANA name like Europe/London)`,
  }),
  /** Absent or empty: changes may happen at any time. */
  changeWindows: z.array(changeWindowSchema).default([]),
  blackoutDates: z
    .array(
      z.string().refine((day) => /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day).isValid, {
        error: (issue) => `"${String(issue.input)}" is not a date YYYY-MM-DD`,
      }),
    )
    .default([]),
});

export const REMAINDER_ACTIONS = ["finalWave", "exclude", "reportOnly"] as const;
export type RemainderAction = (typeof REMAINDER_ACTIONS)[number];
export const SERVICE_ACCOUNT_ACTIONS = ["exclude", "hold", "include"] as const;
export type ServiceAccountAction = (typeof SERVICE_ACCOUNT_ACTIONS)[number];

const remainderSchema = z.strictObject({
  action: z.enum(REMAINDER_ACTIONS, { error: `must be one of ${REMAINDER_ACTIONS.join(", ")}` }),
  reason: z
    .string({ error: "must be a string" })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(256)
    .optional(),
});

export const planSchema = z.strictObject({
  rolloutId: z.string({ error: "must be a string" }).regex(LIMITS.rolloutIdPattern, {
    error:
      "must be 3-63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit",
  }),
  description: z.string().max(1024).optional(),
  policy: policySchema,
  population: populationSchema,
  breakGlass: z.array(guid).min(1, { error: "must list at least one break-glass user id" }),
  waves: z
    .array(waveSchema)
    .min(1, { error: "must list at least one wave" })
    .max(LIMITS.maxWaves, { error: `must list at most ${LIMITS.maxWaves} waves` }),
  gates: gateOverridesSchema.optional(),
  /** How the gates read the sign-in log (docs/SIGN-IN-EVIDENCE.md). */
  evidence: z
    .strictObject({
      /**
       * How long rows are given to reach the log: each read counts sign-ins up to `now - settle`
       * only. Default PT30M (DEFAULT_EVIDENCE); raise it for a tenant whose rows arrive hours late.
       */
      settle: isoDuration({ min: LIMITS.minSettle, max: LIMITS.maxSettle }).optional(),
      /**
       * How far back a read may re-read the log once rows are seen arriving later than `settle`:
       * attempts that began within the tail stay pending until rows that late have arrived.
       * Default P1D (DEFAULT_EVIDENCE); the tail grows only as far as late rows are seen.
       */
      maxLateTail: isoDuration({ min: LIMITS.minLateTail, max: LIMITS.maxLateTail }).optional(),
    })
    .optional(),
  /** How long enforced users stay observed after their wave's bake (docs/WATCH.md). */
  watch: z
    .strictObject({
      /** Default P30D (DEFAULT_WATCH); PT0S is refused: a watch that looks nowhere is no watch. */
      for: isoDuration({ max: LIMITS.maxWatchFor }).optional(),
      /** Default PT6H: a user whose app breaks is held back within one look of the evidence. */
      checkEvery: isoDuration({ min: LIMITS.minCheckEvery, max: LIMITS.maxWatchCheckEvery }).optional(),
    })
    .optional(),
  schedule: scheduleSchema,
  /** Population users no wave selects (cohort/coverage.ts): without this rule a start refuses them. */
  remainder: remainderSchema.optional(),
  /** What happens to accounts the sign-in evidence shows to be service accounts; absent means "hold". */
  serviceAccounts: z
    .enum(SERVICE_ACCOUNT_ACTIONS, { error: `must be one of ${SERVICE_ACCOUNT_ACTIONS.join(", ")}` })
    .optional(),
  /** What the preflight checks refuse rather than warn about (shared/preflight). */
  preflight: z
    .strictObject({
      /**
       * The enforced and excluded groups must be role-assignable or in a restricted-management
       * administrative unit: otherwise any Groups Administrator could remove someone from
       * enforcement. Off: a warning only.
       */
      requireProtectedGroups: z.boolean({ error: "must be true or false" }).optional(),
      /**
       * Users of this population may also be in another active rollout. Off (the default): a
       * start is refused with the overlapping count, as two rollouts would move, hold back and
       * count the same users; on: a preflight warning.
       */
      allowOverlap: z.boolean({ error: "must be true or false" }).optional(),
    })
    .optional(),
  /**
   * Where pause / shrink / drift / approval / abort / completion notifications go: the NAME of an
   * app setting holding the webhook URL (default NOTIFY_WEBHOOK_URL), never the URL, whose secret
   * must not reach the stored plan or the audit.
   */
  notifications: z
    .strictObject({
      webhookSetting: z
        .string()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
          "must be the name of an app setting (letters, digits, _), not a URL",
        )
        .optional(),
      format: z.enum(["teams", "slack"], { error: "must be teams or slack" }).optional(),
    })
    .optional(),
});

export type WaveSelect = { groupId: string } | { userIds: string[] } | { share: number } | { count: number };
export type GateOverrides = z.output<typeof gateOverridesSchema>;
/** The plan as parsed: ids lowercased, defaults of requireApproval / changeWindows / blackoutDates filled. */
export type ParsedPlan = z.output<typeof planSchema>;
export type PlanWave = ParsedPlan["waves"][number];
export type Schedule = ParsedPlan["schedule"];
export type ChangeWindow = Schedule["changeWindows"][number];
export type PlanPolicy = ParsedPlan["policy"];
export type RemainderRule = NonNullable<ParsedPlan["remainder"]>;
