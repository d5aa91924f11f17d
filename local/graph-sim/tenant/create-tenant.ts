import type { ConditionalAccessPolicy, Group } from "@microsoft/microsoft-graph-types";
import type { Clock } from "../../clock";
import type { SimApp } from "./apps-devices";
import { Faults } from "./faults";
import { GroupStore, toGraphGroup, type SimGroup } from "./groups";
import { applyKnob, RateHistory } from "./knobs";
import { PolicyStore } from "./policies";
import { guid, seedHash } from "./prng";
import { RegistrationTracker } from "./registration";
import { loadScenario } from "./scenario-loader";
import type { Scenario } from "./scenario-schema";
import { buildSignIn, evaluateCandidate, type SignInWorld } from "./sign-in-builder";
import { DAY_MS, SignInGenerator } from "./sign-in-generator";
import { SimGraphError, type SimTenant } from "./tenant-port";
import { buildUsers, toGraphUser, UserDirectory, type SimUser } from "./users";

export interface CreateSimTenantOptions {
  /** A scenario name from ../scenarios (e.g. "clean", "large") or an inline scenario object. */
  scenario: string | Record<string, unknown>;
  seed: number | string;
  clock: Clock;
  /** Number of generated users for scenarios with a `generate` block (the `large` scenario). */
  size?: number;
}

/** How long before day 0 the scenario's initial state (users, groups, policies, methods) exists. */
const HISTORY_BEFORE_START_MS = 365 * DAY_MS;

export function createSimTenant(options: CreateSimTenantOptions): SimTenant {
  const scenario = withSize(loadScenario(options.scenario), options.size);
  const clock = options.clock;
  const now = () => clock.now().getTime();
  const seed = seedHash(options.seed);
  const startMs = Date.parse(scenario.startDate);
  const initialAt = startMs - HISTORY_BEFORE_START_MS;

  const users = new UserDirectory(buildUsers(scenario, seed, initialAt));
  const groups = new GroupStore((id) => users.get(id) !== undefined);
  seedGroups(scenario, users, groups, initialAt);
  let policyCount = 0;
  const policies = new PolicyStore(() => guid(seed, 0xca, policyCount++));
  for (const p of scenario.policies) {
    policies.create(p as ConditionalAccessPolicy, initialAt, p.id);
  }
  const faults = seedFaults(scenario, users, startMs, initialAt);
  const rate = new RateHistory(scenario.signInsPerUserPerDay);
  const apps = new Map<string, SimApp>(
    scenario.apps.map((a) => [a.appId.toLowerCase(), { ...a, appId: a.appId.toLowerCase() }]),
  );
  const world: SignInWorld = { seed, apps, groups, policies, faults };

  const registration = new RegistrationTracker(now, startMs);
  const generator = new SignInGenerator({
    seed,
    startMs,
    workingHoursUtc: scenario.workingHoursUtc,
    users,
    now,
    rateAt: (at) => rate.at(at),
    maxRate: () => rate.max(),
    build: (user, day, n, at) => buildSignIn(world, user, day, n, at, registration.hasMethodAt(user, at)),
  });
  registration.useFinder((user, fromMs, toMs) => {
    for (const c of generator.userCandidates(user, fromMs, toMs)) {
      const hasMethod = registration.explicitHasMethodAt(user, c.at);
      if (evaluateCandidate(world, user, c.day, c.n, c.at, hasMethod).ca.askedToRegister) return c.at;
    }
    return undefined;
  });

  let groupCount = 0;
  return {
    listUsers: () => users.liveGraph(),
    getUser: (id) => graphOf(users.get(id)),
    findUser: (idOrUpn) => graphOf(users.find(idOrUpn)),

    createGroup: (input: Group) => {
      const valid = validateGroup(input);
      const group = groups.add({ ...valid, id: guid(seed, 0x6e0, groupCount++), createdAt: now() });
      return toGraphGroup(group);
    },
    getGroup: (id) => {
      const group = groups.get(id);
      return group && toGraphGroup(group);
    },
    listGroups: () => groups.list().map(toGraphGroup),
    listMemberIds: (groupId) => groups.require(groupId).members.ids(),
    addMembers: (groupId, objectIds) => groups.addMembers(groupId, objectIds, now()),
    removeMember: (groupId, objectId) => groups.removeMember(groupId, objectId, now()),

    listPolicies: () => policies.list(),
    getPolicy: (id) => policies.get(id),
    createPolicy: (input) => policies.create(input, now()),
    patchPolicy: (id, patch) => policies.patch(id, patch, now()),
    deletePolicy: (id) => policies.delete(id, now()),

    registrationDetails: () => {
      const at = now();
      return users.live().map((u) => registration.details(u, at));
    },
    signIns: (query) => generator.signIns(query),

    state: () => {
      const at = now();
      return {
        users: users.live().length,
        groups: groups.list().map((g) => ({ id: g.id, displayName: g.displayName, members: g.members.size })),
        policies: policies.list().map((p) => ({ id: p.id!, displayName: p.displayName!, state: p.state! })),
        registeredUsers: users.live().filter((u) => registration.hasMethodAt(u, at + 1)).length,
      };
    },
    applyKnob: (knob) =>
      applyKnob(
        { users, groups, faults, rate, defaultMethods: scenario.registration.defaultMethods },
        knob,
        now(),
      ),
  };
}

function graphOf(user: SimUser | undefined) {
  return user ? toGraphUser(user) : undefined;
}

function withSize(scenario: Scenario, size: number | undefined): Scenario {
  if (size === undefined) return scenario;
  if (!scenario.generate)
    throw new SimGraphError(
      400,
      "BadRequest",
      `scenario "${scenario.name}" has no generate block: size does not apply`,
    );
  if (!Number.isInteger(size) || size < 1)
    throw new SimGraphError(400, "BadRequest", "size must be a positive integer");
  return { ...scenario, generate: { ...scenario.generate, users: size } };
}

function seedGroups(scenario: Scenario, users: UserDirectory, groups: GroupStore, at: number): void {
  const byId = new Map<string, SimGroup>();
  for (const g of scenario.groups) {
    byId.set(
      g.id.toLowerCase(),
      groups.add({
        id: g.id.toLowerCase(),
        displayName: g.displayName,
        description: g.description,
        mailNickname: g.mailNickname,
        mailEnabled: false,
        securityEnabled: true,
        isAssignableToRole: g.isAssignableToRole,
        dynamic: g.dynamic,
        createdAt: at,
      }),
    );
  }
  for (const g of scenario.groups) {
    const group = byId.get(g.id.toLowerCase())!;
    const rule = g.members;
    if (!rule) continue;
    const named = new Set(rule.upns.map((u) => u.toLowerCase()));
    for (const user of users.all) {
      const byRule =
        !rule.onlyUpns &&
        rule.kinds.includes(user.kind) &&
        (rule.departments === undefined || rule.departments.includes(user.department));
      if (byRule || named.has(user.upn.toLowerCase())) group.members.add(user.id, at);
    }
  }
  for (const user of users.all) {
    for (const groupId of user.memberOf) byId.get(groupId.toLowerCase())?.members.add(user.id, at);
  }
}

function seedFaults(scenario: Scenario, users: UserDirectory, startMs: number, at: number): Faults {
  const faults = new Faults();
  for (const o of scenario.faults.mfaOutages) {
    const from = startMs + o.day * DAY_MS + o.startHourUtc * 3_600_000;
    faults.addOutage(from, from + o.hours * 3_600_000);
  }
  for (const b of scenario.faults.brokenApps) {
    for (const upn of b.upns) {
      const user = users.find(upn);
      if (user) faults.breakApp(b.appId, b.platform, user.id, at);
    }
  }
  return faults;
}

function validateGroup(input: Group): Omit<SimGroup, "id" | "createdAt" | "members"> {
  const bad = (message: string) => new SimGraphError(400, "Request_BadRequest", message);
  if (typeof input !== "object" || input === null) throw bad("The request body must be a group object.");
  if (typeof input.displayName !== "string" || !input.displayName.trim()) {
    throw bad("Invalid value specified for property 'displayName' of resource 'Group'.");
  }
  if (typeof input.mailNickname !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(input.mailNickname)) {
    throw bad("Invalid value specified for property 'mailNickname' of resource 'Group'.");
  }
  // Graph's property is securityEnabled; GRAPH-NOTES.md says securityGroup, so both are accepted.
  const securityEnabled = input.securityEnabled ?? (input as { securityGroup?: unknown }).securityGroup;
  if (typeof input.mailEnabled !== "boolean" || typeof securityEnabled !== "boolean") {
    throw bad("Properties 'mailEnabled' and 'securityEnabled' are required.");
  }
  const unified = (input.groupTypes ?? []).includes("Unified");
  if (input.mailEnabled && !unified) {
    throw bad("Mail-enabled security groups cannot be created through Microsoft Graph.");
  }
  const dynamic = (input.groupTypes ?? []).includes("DynamicMembership");
  if (dynamic && !input.membershipRule) throw bad("A dynamic-membership group needs a membershipRule.");
  return {
    displayName: input.displayName,
    description: input.description ?? "",
    mailNickname: input.mailNickname,
    mailEnabled: input.mailEnabled,
    securityEnabled,
    isAssignableToRole: input.isAssignableToRole === true,
    dynamic,
  };
}
