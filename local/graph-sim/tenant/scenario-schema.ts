import { z } from "zod";

/**
 * The JSON scenario format (documented in ../scenarios/README.md). Parsed strictly so a typo in a
 * scenario file is an error with a path, not a silently ignored field.
 */

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const Guid = z.string().regex(guidPattern, "must be a GUID");

export const Platform = z.enum(["iOS", "Android", "Windows", "macOS"]);
export type Platform = z.infer<typeof Platform>;

/** Clients on legacy protocols (basic authentication): they can never answer an MFA challenge. */
export const LegacyClient = z.enum(["IMAP4", "POP3", "Exchange ActiveSync", "Authenticated SMTP"]);
export type LegacyClient = z.infer<typeof LegacyClient>;

export const UserKind = z.enum(["person", "breakGlass", "service"]);
export type UserKind = z.infer<typeof UserKind>;

/** Values of userRegistrationDetails.methodsRegistered. */
export const AuthMethod = z.enum([
  "microsoftAuthenticatorPush",
  "microsoftAuthenticatorPasswordless",
  "softwareOneTimePasscode",
  "hardwareOneTimePasscode",
  "mobilePhone",
  "alternateMobilePhone",
  "officePhone",
  "email",
  "fido2SecurityKey",
  "windowsHelloForBusiness",
  "temporaryAccessPass",
]);
export type AuthMethod = z.infer<typeof AuthMethod>;

const userFields = {
  /** Fixed object id; otherwise derived from the seed and the UPN. */
  id: Guid.optional(),
  upn: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must be a userPrincipalName like name@contoso.com"),
  displayName: z.string().min(1),
  department: z.string().min(1),
  kind: UserKind.default("person"),
  userType: z.enum(["Member", "Guest"]).default("Member"),
  accountEnabled: z.boolean().default(true),
  /** Registered methods at day 0; omitted means the scenario's registration rule decides. */
  methods: z.array(AuthMethod).optional(),
  phone: z.enum(["iOS", "Android", "none"]).optional(),
  laptop: z.enum(["Windows", "macOS"]).optional(),
  /** App ids this user signs in to; omitted means the department's apps. */
  apps: z.array(Guid).optional(),
  legacyClients: z.array(LegacyClient).default([]),
  /** Extra group memberships at day 0, on top of the groups' own member rules. */
  memberOf: z.array(Guid).default([]),
};

export const ScenarioUser = z.strictObject(userFields);
export type ScenarioUser = z.infer<typeof ScenarioUser>;

export const UserOverride = z.strictObject({
  upn: userFields.upn,
  displayName: userFields.displayName.optional(),
  department: userFields.department.optional(),
  kind: UserKind.optional(),
  accountEnabled: z.boolean().optional(),
  methods: z.array(AuthMethod).optional(),
  phone: z.enum(["iOS", "Android", "none"]).optional(),
  laptop: z.enum(["Windows", "macOS"]).optional(),
  apps: z.array(Guid).optional(),
  legacyClients: z.array(LegacyClient).optional(),
  memberOf: z.array(Guid).optional(),
});
export type UserOverride = z.infer<typeof UserOverride>;

export const ScenarioApp = z.strictObject({
  appId: Guid,
  displayName: z.string().min(1),
  kind: z.enum(["firstParty", "lineOfBusiness"]),
  /**
   * A month-end app (closing the books, expense runs): used only from this day of the month (UTC)
   * to its end. On other days its users' sign-ins that would have gone to it go to their other apps.
   */
  usedFromDayOfMonth: z.number().int().min(1).max(31).optional(),
  /** In those days, the share of its users' sign-ins that go to it (month-end work crowds out the rest). */
  monthEndShare: z.number().min(0).max(1).optional(),
});
export type ScenarioApp = z.infer<typeof ScenarioApp>;

export const Department = z.strictObject({
  name: z.string().min(1),
  apps: z.array(Guid).min(1),
  /** Share of generated users (only used by `generate`). */
  share: z.number().positive().optional(),
});

/** Who is a member at day 0: users matching kinds AND (departments, if given), plus named upns. */
export const MemberRule = z.strictObject({
  kinds: z.array(UserKind).default(["person"]),
  departments: z.array(z.string()).optional(),
  upns: z.array(z.string()).default([]),
  /** When true only `upns` are members (kinds/departments ignored). */
  onlyUpns: z.boolean().default(false),
});

export const ScenarioGroup = z.strictObject({
  id: Guid,
  displayName: z.string().min(1),
  description: z.string().default(""),
  mailNickname: z.string().min(1),
  isAssignableToRole: z.boolean().default(false),
  dynamic: z.boolean().default(false),
  members: MemberRule.optional(),
});
export type ScenarioGroup = z.infer<typeof ScenarioGroup>;

/** Pre-existing policies are validated again by the tenant's own Graph-like rules on load. */
export const ScenarioPolicy = z.looseObject({
  id: Guid,
  displayName: z.string().min(1),
  state: z.enum(["enabled", "disabled", "enabledForReportingButNotEnforced"]),
  conditions: z.record(z.string(), z.unknown()),
});

/** A subscription as GET /subscribedSkus shows it; the licence preflight reads its service plans. */
export const ScenarioSku = z.strictObject({
  skuId: Guid,
  skuPartNumber: z.string().min(1),
  capabilityStatus: z.enum(["Enabled", "Warning", "Suspended", "Deleted", "LockedOut"]).default("Enabled"),
  servicePlans: z.array(
    z.strictObject({
      servicePlanId: Guid,
      servicePlanName: z.string().min(1),
      provisioningStatus: z
        .enum(["Success", "Disabled", "Error", "PendingInput", "PendingActivation", "PendingProvisioning"])
        .default("Success"),
    }),
  ),
});
export type ScenarioSku = z.infer<typeof ScenarioSku>;

/** Microsoft 365 E5 (SPE_E5), which carries Entra ID P1 and P2: every scenario's default. */
export const DEFAULT_SKUS: ScenarioSku[] = [
  {
    skuId: "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
    skuPartNumber: "SPE_E5",
    capabilityStatus: "Enabled",
    servicePlans: [
      {
        servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d",
        servicePlanName: "AAD_PREMIUM",
        provisioningStatus: "Success",
      },
      {
        servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998",
        servicePlanName: "AAD_PREMIUM_P2",
        provisioningStatus: "Success",
      },
    ],
  },
];

/** An administrative unit; `members` are group (or user) ids that exist at day 0. */
export const ScenarioAdministrativeUnit = z.strictObject({
  id: Guid,
  displayName: z.string().min(1),
  isMemberManagementRestricted: z.boolean().default(false),
  members: z.array(Guid).default([]),
  /**
   * The app holds Groups Administrator at this unit's scope: the only way an app may change the
   * members of groups in a restricted-management unit (its tenant-wide permissions do not count).
   */
  appIsScopedGroupsAdministrator: z.boolean().default(false),
});
export type ScenarioAdministrativeUnit = z.infer<typeof ScenarioAdministrativeUnit>;

const span = (min: number, max: number) =>
  z
    .strictObject({ min: z.number().min(0), max: z.number().min(0) })
    .refine((r) => r.max >= r.min, "max must be >= min")
    .default({ min, max });

/**
 * How people meet MFA prompts, for everybody in every scenario (../scenarios/README.md, "How a
 * sign-in is logged"). The shares are per sign-in attempt, drawn from the seed.
 */
export const SignInBehaviour = z.strictObject({
  /** The session already carries an MFA claim: one errorCode-0 row, no prompt. */
  mfaClaimShare: z.number().min(0).max(1).default(0.4),
  /** Wrong password (50126): one row, the attempt goes no further. */
  wrongPasswordShare: z.number().min(0).max(1).default(0.02),
  /** Prompted, then nothing: the user closed the window or ignored the push. */
  abandonedPromptShare: z.number().min(0).max(1).default(0.02),
  /** Prompted, then 500121 "MFA denied; user declined the authentication". */
  deniedPushShare: z.number().min(0).max(1).default(0.01),
  /** Of prompts, the share logged as 50076 instead of 50074. */
  prompt50076Share: z.number().min(0).max(1).default(0.3),
  /** Seconds from the prompt row to the row that answers it (same correlationId). */
  answerSeconds: span(3, 60).refine((r) => r.max <= 600, "answerSeconds.max must be at most 600"),
});
export type SignInBehaviour = z.infer<typeof SignInBehaviour>;

/**
 * When a row becomes visible in /auditLogs/signIns after its createdDateTime: quantiles of the
 * delay (log-linear between them), plus a share of rows that arrive hours late.
 */
export const Arrival = z
  .strictObject({
    minSeconds: z.number().min(0).default(5),
    p50Seconds: z.number().min(0).default(40),
    p95Seconds: z.number().min(0).default(120),
    p99Seconds: z.number().min(0).default(300),
    maxSeconds: z.number().min(0).default(7200),
    lateShare: z.number().min(0).max(1).default(0),
    lateHours: span(2, 8),
  })
  .refine(
    (a) =>
      a.minSeconds <= a.p50Seconds &&
      a.p50Seconds <= a.p95Seconds &&
      a.p95Seconds <= a.p99Seconds &&
      a.p99Seconds <= a.maxSeconds,
    "arrival quantiles must not decrease: minSeconds <= p50Seconds <= p95Seconds <= p99Seconds <= maxSeconds",
  );
export type Arrival = z.infer<typeof Arrival>;

export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().default(""),
  extends: z.string().optional(),
  /** Day 0, midnight UTC. */
  startDate: z.iso.datetime(),
  domain: z.string().min(1),
  signInsPerUserPerDay: z.number().int().min(0).max(50).default(4),
  workingHoursUtc: z
    .strictObject({ start: z.number().int().min(0).max(23), end: z.number().int().min(1).max(24) })
    .refine((h) => h.end > h.start, "end must be after start")
    .default({ start: 7, end: 19 }),
  apps: z.array(ScenarioApp).min(1),
  departments: z.array(Department).min(1),
  users: z.array(ScenarioUser).default([]),
  userOverrides: z.array(UserOverride).default([]),
  generate: z
    .strictObject({
      users: z.number().int().min(1).max(2_000_000),
      upnPrefix: z.string().min(1).default("user"),
      iosShare: z.number().min(0).max(1).default(0.55),
      phoneShare: z.number().min(0).max(1).default(0.9),
    })
    .optional(),
  groups: z.array(ScenarioGroup).default([]),
  policies: z.array(ScenarioPolicy).default([]),
  subscribedSkus: z.array(ScenarioSku).default(DEFAULT_SKUS),
  administrativeUnits: z.array(ScenarioAdministrativeUnit).default([]),
  /**
   * Microsoft Graph application permissions the app holds; a call none of whose permissions is
   * granted answers 403 Authorization_RequestDenied. Absent: every permission (the default).
   */
  grantedPermissions: z.array(z.string().min(1)).optional(),
  registration: z
    .strictObject({
      defaultMethods: z.array(AuthMethod).min(1).default(["microsoftAuthenticatorPush", "mobilePhone"]),
      /** Share of persons (chosen from the seed) with no method at day 0. */
      unregisteredShare: z.number().min(0).max(1).default(0),
      unregisteredUpns: z.array(z.string()).default([]),
      /**
       * What a user without a method does at an enforced MFA prompt. `register`: Entra's combined
       * registration interrupt (50079/50072), the user registers on the spot and the same attempt
       * ends in errorCode 0. `defer`: registration is not possible there (e.g. a policy limits it to
       * trusted locations): the attempt ends on the interrupt and the user registers
       * `registerAfterPromptDays` later. Report-only never asks anyone to register.
       */
      atPrompt: z.enum(["register", "defer"]).default("register"),
      /** `defer`: users register this many days (seeded per user) after the first enforced prompt. */
      registerAfterPromptDays: z
        .strictObject({ min: z.number().min(0), max: z.number().min(0) })
        .refine((r) => r.max >= r.min, "max must be >= min")
        .default({ min: 2, max: 9 }),
    })
    .prefault({}),
  behaviour: SignInBehaviour.prefault({}),
  arrival: Arrival.prefault({}),
  faults: z
    .strictObject({
      mfaOutages: z
        .array(
          z.strictObject({
            day: z.number().int().min(0),
            startHourUtc: z.number().min(0).max(24),
            hours: z.number().positive(),
          }),
        )
        .default([]),
      brokenApps: z
        .array(z.strictObject({ appId: Guid, platform: Platform, upns: z.array(z.string()).min(1) }))
        .default([]),
    })
    .default({ mfaOutages: [], brokenApps: [] }),
});
export type Scenario = z.infer<typeof Scenario>;
