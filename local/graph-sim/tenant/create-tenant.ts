import type { ConditionalAccessPolicy, Group, User } from "@microsoft/microsoft-graph-types";
import type { Clock } from "../../clock";
import type { SimApp } from "./apps-devices";
import { GroupStore, toGraphGroup, validateNewGroup } from "./groups";
import { applyKnob, RateHistory } from "./knobs";
import { PolicyStore } from "./policies";
import { guid, seedHash } from "./prng";
import { RegistrationTracker } from "./registration";
import { loadScenario, ScenarioError } from "./scenario-loader";
import { Arrival, type Scenario } from "./scenario-schema";
import { seedFaults, seedGroups } from "./scenario-seed";
import { arrivalModel } from "./arrival";
import { evaluateCandidate, SignInBuilder, type SignInWorld } from "./sign-in-builder";
import { DAY_MS, SignInGenerator } from "./sign-in-generator";
import type { SimTenant } from "./tenant-port";
import { buildUsers, toGraphUser, UserDirectory, type SimUser } from "./users";
import { directoryFacts } from "./directory-facts";

export interface CreateSimTenantOptions {
  /** A scenario name from ../scenarios (e.g. "clean", "large") or an inline scenario object. */
  scenario: string | Record<string, unknown>;
  seed: number | string;
  clock: Clock;
  /** Number of generated users for scenarios with a `generate` block (the `large` scenario). */
  size?: number;
  /** Overrides the scenario's `arrival` (e.g. `{lateShare: 0.1}` for hours-late rows with any scenario). */
  arrival?: Partial<Arrival>;
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
  const groups = new GroupStore((id) => users.get(id) !== undefined, {
    size: users.all.length,
    indexOf: (id) => users.anyById(id)?.index,
  });
  seedGroups(scenario, users, groups, initialAt);
  let policyCount = 0;
  const policies = new PolicyStore(() => guid(seed, 0xca, policyCount++));
  for (const p of scenario.policies) {
    try {
      policies.create(p as ConditionalAccessPolicy, initialAt, p.id);
    } catch (error) {
      throw new ScenarioError(
        `scenario "${scenario.name}": policy "${p.displayName}": ${(error as Error).message}`,
      );
    }
  }
  const faults = seedFaults(scenario, users, startMs, initialAt);
  const rate = new RateHistory(scenario.signInsPerUserPerDay);
  const apps = new Map<string, SimApp>(
    scenario.apps.map((a) => [a.appId.toLowerCase(), { ...a, appId: a.appId.toLowerCase() }]),
  );
  const world: SignInWorld = { seed, apps, groups, policies, faults, behaviour: scenario.behaviour };

  const registration = new RegistrationTracker(now, startMs, scenario.registration.atPrompt);
  const builder = new SignInBuilder(world, registration);
  const generator = new SignInGenerator({
    seed,
    startMs,
    workingHoursUtc: scenario.workingHoursUtc,
    users,
    answerSeconds: scenario.behaviour.answerSeconds,
    arrival: arrivalModel(arrivalOf(scenario, options.arrival)),
    now,
    rateAt: (at) => rate.at(at),
    maxRate: () => rate.max(),
    secondRowsFrom: () => policies.firstEnabledAt(),
    build: (row) => builder.build(row),
  });
  registration.useFinder((user, fromMs, toMs) => {
    for (const c of generator.userCandidates(user, fromMs, toMs)) {
      const hasMethod = registration.explicitHasMethodAt(user, c.at);
      const attempt = evaluateCandidate(world, user, c.day, c.n, c.at, hasMethod, false);
      if (attempt.outcome.askedToRegister) {
        return { askedAt: c.at, answerMs: generator.answerDelaySeconds(user, c.day, c.n) * 1000 };
      }
    }
    return undefined;
  });

  let groupCount = 0;
  const directory = directoryFacts(scenario, users, groups);
  return {
    ...directory,
    listUsers: () => users.liveGraph(),
    getUser: (id) => graphOf(users.get(id)),
    findUser: (idOrUpn) => graphOf(users.find(idOrUpn)),

    createGroup: (input: Group) => {
      const valid = validateNewGroup(input);
      const group = groups.add({ ...valid, id: guid(seed, 0x6e0, groupCount++), createdAt: now() });
      return toGraphGroup(group);
    },
    getGroup: (id) => {
      const group = groups.get(id);
      return group && toGraphGroup(group);
    },
    listGroups: () => groups.list().map(toGraphGroup),
    listMemberIds: (groupId) => groups.require(groupId).members.ids(),
    membershipVersion: () => groups.version(),
    memberChangesSince: (groupId, version) => groups.require(groupId).members.changedSince(version),
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
    registrationDetailsPage: (offset, limit) => {
      const at = now();
      const live = users.live();
      return {
        items: live.slice(offset, offset + limit).map((u) => registration.details(u, at)),
        total: live.length,
      };
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

/** A user's Graph shape depends on nothing that changes, so each is built once (frozen: shared). */
const graphUsers = new WeakMap<SimUser, User>();

function graphOf(user: SimUser | undefined): User | undefined {
  if (!user) return undefined;
  let shape = graphUsers.get(user);
  if (!shape) graphUsers.set(user, (shape = Object.freeze(toGraphUser(user))));
  return shape;
}

/** The scenario's arrival delays with the caller's overrides, validated like the scenario itself. */
function arrivalOf(scenario: Scenario, override: Partial<Arrival> | undefined): Arrival {
  if (!override) return scenario.arrival;
  const parsed = Arrival.safeParse({ ...scenario.arrival, ...override });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? `arrival.${issue.path.join(".")}: ` : "arrival: ";
  throw new ScenarioError(`${field}${issue.message}`);
}

function withSize(scenario: Scenario, size: number | undefined): Scenario {
  if (size === undefined) return scenario;
  if (!scenario.generate) {
    throw new ScenarioError(`scenario "${scenario.name}" has no generate block: size does not apply`);
  }
  if (!Number.isInteger(size) || size < 1) throw new ScenarioError("size must be a positive integer");
  return { ...scenario, generate: { ...scenario.generate, users: size } };
}
