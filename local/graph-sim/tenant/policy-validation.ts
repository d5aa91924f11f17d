import type {
  ConditionalAccessGrantControls,
  ConditionalAccessPolicy,
} from "@microsoft/microsoft-graph-types";
import { SimGraphError } from "./tenant-port";

/**
 * Graph's input rules for conditionalAccessPolicy, close enough that a gateway bug fails here the
 * way it would fail against a real tenant: 400 with a message naming the field.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const POLICY_STATES = ["enabled", "disabled", "enabledForReportingButNotEnforced"] as const;
const CLIENT_APP_TYPES = [
  "all",
  "browser",
  "mobileAppsAndDesktopClients",
  "exchangeActiveSync",
  "easSupported",
  "other",
  "unknownFutureValue",
];
const GRANT_CONTROLS = [
  "block",
  "mfa",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
  "unknownFutureValue",
  "riskRemediation",
];
const TOP_LEVEL = new Set([
  "@odata.type",
  "@odata.context",
  "id",
  "displayName",
  "description",
  "state",
  "conditions",
  "grantControls",
  "sessionControls",
  "templateId",
  "createdDateTime",
  "modifiedDateTime",
  "deletedDateTime",
]);
const SPECIAL_USERS = new Set(["All", "None", "GuestsOrExternalUsers"]);
const SPECIAL_APPS = new Set(["All", "None", "Office365", "MicrosoftAdminPortals"]);

function bad(message: string): SimGraphError {
  return new SimGraphError(400, "BadRequest", message);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function stringArray(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw bad(`Invalid value for '${field}': expected an array of strings.`);
  }
  return value as string[];
}

function ids(value: unknown, field: string, special: ReadonlySet<string>): string[] {
  const list = stringArray(value, field);
  for (const v of list) {
    if (!special.has(v) && !GUID.test(v))
      throw bad(`Invalid value '${v}' in '${field}': expected an object id.`);
  }
  return list;
}

function checkEnum(list: string[], allowed: readonly string[], field: string): void {
  for (const v of list) {
    if (!allowed.includes(v))
      throw bad(`Invalid value '${v}' for '${field}'. Allowed: ${allowed.join(", ")}.`);
  }
}

/** Validates a complete policy (a create body, or a stored policy after a PATCH merge) and normalises it. */
export function normalisePolicy(input: unknown): ConditionalAccessPolicy {
  if (!isObj(input)) throw bad("The request body must be a conditionalAccessPolicy object.");
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL.has(key)) {
      throw bad(`Property '${key}' does not exist on type 'microsoft.graph.conditionalAccessPolicy'.`);
    }
  }
  const { displayName, state, conditions, grantControls, sessionControls } = input;
  if (typeof displayName !== "string" || !displayName.trim()) throw bad("displayName is required.");
  if (typeof state !== "string" || !(POLICY_STATES as readonly string[]).includes(state)) {
    throw bad(`Invalid value for 'state': expected one of ${POLICY_STATES.join(", ")}.`);
  }
  if (!isObj(conditions)) throw bad("conditions is required.");
  const users = conditions.users;
  if (!isObj(users)) throw bad("conditions.users is required.");
  const includeUsers = ids(users.includeUsers, "conditions.users.includeUsers", SPECIAL_USERS);
  const includeGroups = ids(users.includeGroups, "conditions.users.includeGroups", new Set());
  const includeRoles = ids(users.includeRoles, "conditions.users.includeRoles", new Set());
  if (!includeUsers.length && !includeGroups.length && !includeRoles.length) {
    throw bad(
      "conditions.users must include users, groups or roles (includeUsers, includeGroups or includeRoles).",
    );
  }
  const apps = conditions.applications;
  if (!isObj(apps)) throw bad("conditions.applications is required.");
  const includeApplications = ids(
    apps.includeApplications,
    "conditions.applications.includeApplications",
    SPECIAL_APPS,
  );
  const includeUserActions = stringArray(
    apps.includeUserActions,
    "conditions.applications.includeUserActions",
  );
  const authContexts = stringArray(
    apps.includeAuthenticationContextClassReferences,
    "conditions.applications.includeAuthenticationContextClassReferences",
  );
  if (!includeApplications.length && !includeUserActions.length && !authContexts.length) {
    throw bad("conditions.applications must include applications, user actions or authentication contexts.");
  }
  const clientAppTypes = stringArray(conditions.clientAppTypes, "conditions.clientAppTypes");
  checkEnum(clientAppTypes, CLIENT_APP_TYPES, "conditions.clientAppTypes");

  if (grantControls === undefined || grantControls === null) {
    if (!isObj(sessionControls)) throw bad("A policy needs grantControls or sessionControls.");
  }
  const normalisedGrant = grantControls == null ? undefined : normaliseGrant(grantControls);

  const { ...rest } = input;
  const policy: ConditionalAccessPolicy = {
    ...rest,
    displayName,
    state: state as ConditionalAccessPolicy["state"],
    conditions: {
      ...conditions,
      users: {
        ...users,
        includeUsers,
        excludeUsers: ids(users.excludeUsers, "conditions.users.excludeUsers", SPECIAL_USERS),
        includeGroups,
        excludeGroups: ids(users.excludeGroups, "conditions.users.excludeGroups", new Set()),
        includeRoles,
        excludeRoles: ids(users.excludeRoles, "conditions.users.excludeRoles", new Set()),
      },
      applications: {
        ...apps,
        includeApplications,
        excludeApplications: ids(
          apps.excludeApplications,
          "conditions.applications.excludeApplications",
          SPECIAL_APPS,
        ),
        includeUserActions,
        includeAuthenticationContextClassReferences: authContexts,
      },
      clientAppTypes: (clientAppTypes.length ? clientAppTypes : ["all"]) as never,
      signInRiskLevels: stringArray(conditions.signInRiskLevels, "conditions.signInRiskLevels") as never,
      userRiskLevels: stringArray(conditions.userRiskLevels, "conditions.userRiskLevels") as never,
      servicePrincipalRiskLevels: stringArray(
        conditions.servicePrincipalRiskLevels,
        "conditions.servicePrincipalRiskLevels",
      ) as never,
    },
  };
  if (normalisedGrant) policy.grantControls = normalisedGrant;
  else delete policy.grantControls;
  delete (policy as Obj)["@odata.context"];
  return policy;
}

function normaliseGrant(input: unknown): ConditionalAccessGrantControls {
  if (!isObj(input)) throw bad("grantControls must be an object.");
  const builtInControls = stringArray(input.builtInControls, "grantControls.builtInControls");
  checkEnum(builtInControls, GRANT_CONTROLS, "grantControls.builtInControls");
  const operator = input.operator;
  if (operator !== "OR" && operator !== "AND") {
    throw bad("Invalid value for 'grantControls.operator': expected 'OR' or 'AND'.");
  }
  const termsOfUse = stringArray(input.termsOfUse, "grantControls.termsOfUse");
  const customAuthenticationFactors = stringArray(
    input.customAuthenticationFactors,
    "grantControls.customAuthenticationFactors",
  );
  if (!builtInControls.length && !termsOfUse.length && !input.authenticationStrength) {
    throw bad("grantControls must contain builtInControls, termsOfUse or an authenticationStrength.");
  }
  if (builtInControls.includes("block") && builtInControls.length > 1) {
    throw bad("The 'block' grant control cannot be combined with other controls.");
  }
  return {
    ...input,
    operator,
    builtInControls: builtInControls as never,
    customAuthenticationFactors,
    termsOfUse,
  };
}

/** PATCH semantics: top-level fields replace; conditions and grantControls merge one level down. */
export function mergePolicyPatch(current: ConditionalAccessPolicy, patch: unknown): unknown {
  if (!isObj(patch)) throw bad("The request body must be a conditionalAccessPolicy object.");
  const merged: Obj = { ...(current as Obj) };
  for (const [key, value] of Object.entries(patch)) {
    if (key === "id" || key === "createdDateTime" || key === "modifiedDateTime") continue;
    const base = merged[key];
    if (key === "conditions" && isObj(base) && isObj(value)) {
      const conditions: Obj = { ...base };
      for (const [ck, cv] of Object.entries(value)) {
        const cb = conditions[ck];
        conditions[ck] = isObj(cb) && isObj(cv) ? { ...cb, ...cv } : cv;
      }
      merged[key] = conditions;
    } else if (key === "grantControls" && isObj(base) && isObj(value)) {
      merged[key] = { ...base, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}
