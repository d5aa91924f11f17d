import { isoDurationMs, validatePlan, type Plan } from "../../shared/domain";
import {
  USER_STAGES,
  type AuditEntry,
  type GateRecord,
  type RolloutRecord,
  type StatusStore,
  type UserRecord,
  type UserStage,
  type WaveRecord,
} from "../../shared/store";
import type { SimTenant } from "../graph-sim";

/** What the rules read from Graph: the simulator's tenant, or a fake of these three methods. */
export type GraphTruth = Pick<SimTenant, "listMemberIds" | "getPolicy" | "getUser">;

/** Everything the rules look at, read once: the status tables of one rollout and Graph's truth. */
export interface InvariantFacts {
  rollout: RolloutRecord;
  plan: Plan;
  waves: WaveRecord[];
  users: UserRecord[];
  gates: GateRecord[];
  audit: AuditEntry[];
  graph: GraphTruth;
}

/**
 * What must hold after every step of any rollout, checked against Graph's truth (the simulator's
 * tenant) rather than the app's own opinion. Returns the violations; none means all is well.
 */
export async function checkInvariants(
  store: StatusStore,
  tenant: GraphTruth,
  rolloutId: string,
): Promise<string[]> {
  const rollout = await store.rollouts.get(rolloutId);
  const validation = validatePlan(rollout.plan);
  if (!validation.ok) return [`the stored plan of ${rolloutId} no longer validates`];
  const [waves, users, gates, audit] = await Promise.all([
    store.waves.list(rolloutId),
    store.users.list(rolloutId, {}, 1_000_000),
    store.gates.list(rolloutId, { limit: 1_000_000 }),
    store.audit.list(rolloutId, { limit: 1_000_000 }),
  ]);
  return invariantViolations({ rollout, plan: validation.plan, waves, users, gates, audit, graph: tenant });
}

/** The same for a running stack (Azurite tables + Graph simulator): `checkInvariants(stack, id)`. */
export function checkStackInvariants(
  stack: { store: StatusStore; sim: { tenant: GraphTruth } },
  rolloutId: string,
): Promise<string[]> {
  return checkInvariants(stack.store, stack.sim.tenant, rolloutId);
}

/** Throws one error listing every violation, for tests and rehearsal steps. */
export async function assertInvariants(
  stack: { store: StatusStore; sim: { tenant: GraphTruth } },
  rolloutId: string,
  when = "",
): Promise<void> {
  const problems = await checkStackInvariants(stack, rolloutId);
  if (problems.length > 0) {
    throw new Error(
      `${problems.length} invariant(s) broken${when ? ` ${when}` : ""}:\n- ${problems.join("\n- ")}`,
    );
  }
}

/** The pure part: every rule over facts already read. */
export function invariantViolations(facts: InvariantFacts): string[] {
  if (!setupDone(facts.rollout)) return [];
  return [
    ...breakGlassRule(facts),
    ...oneStageRule(facts),
    ...membershipRule(facts),
    ...observationRule(facts),
    ...auditRule(facts),
  ];
}

function setupDone(rollout: RolloutRecord): boolean {
  return Boolean(
    rollout.enforcedGroupId &&
    rollout.excludedGroupId &&
    rollout.reportOnlyPolicyId &&
    rollout.enforcedPolicyId,
  );
}

function members(graph: GraphTruth, groupId: string): Set<string> {
  try {
    return new Set(graph.listMemberIds(groupId));
  } catch {
    return new Set();
  }
}

/** Break-glass accounts are in no group a policy includes, and excluded from both policies. */
export function breakGlassRule({ rollout, plan, users, graph }: InvariantFacts): string[] {
  const problems: string[] = [];
  const rows = new Set(users.map((u) => u.userId));
  for (const policyId of [rollout.reportOnlyPolicyId, rollout.enforcedPolicyId] as string[]) {
    const policy = graph.getPolicy(policyId);
    if (!policy) {
      problems.push(`managed policy ${policyId} does not exist in Graph`);
      continue;
    }
    const conditions = policy.conditions?.users;
    const included = new Set(conditions?.includeUsers ?? []);
    const groups = (conditions?.includeGroups ?? []).map((id) => ({ id, members: members(graph, id) }));
    for (const id of plan.breakGlass) {
      if (!(conditions?.excludeUsers ?? []).includes(id))
        problems.push(`break-glass ${id} is not excluded from policy ${policyId}`);
      if (included.has(id)) problems.push(`break-glass ${id} is included by name in policy ${policyId}`);
      for (const group of groups.filter((g) => g.members.has(id)))
        problems.push(`break-glass ${id} is in group ${group.id}, which policy ${policyId} includes`);
    }
  }
  for (const id of plan.breakGlass.filter((id) => rows.has(id)))
    problems.push(`break-glass ${id} has a row in the users table`);
  return problems;
}

/** Every population user has one row in one known stage; the counts agree with the rows. */
export function oneStageRule({ rollout, plan, users, graph }: InvariantFacts): string[] {
  const problems: string[] = [];
  const tally = Object.fromEntries(USER_STAGES.map((s) => [s, 0])) as Record<UserStage, number>;
  for (const user of users) {
    if (!USER_STAGES.includes(user.stage))
      problems.push(`user ${user.userId} has unknown stage "${user.stage}"`);
    else tally[user.stage] += 1;
    if (user.waveIndex < -1 || user.waveIndex >= plan.waves.length)
      problems.push(`user ${user.userId} is in wave ${user.waveIndex}, which the plan does not have`);
  }
  for (const stage of USER_STAGES) {
    if ((rollout.counts[stage] ?? 0) !== tally[stage])
      problems.push(
        `the rollout counts ${rollout.counts[stage] ?? 0} ${stage} but the users table has ${tally[stage]}`,
      );
  }
  const rows = new Set(users.map((u) => u.userId));
  const breakGlass = new Set(plan.breakGlass);
  const population = new Set(plan.population.userIds ?? []);
  for (const groupId of plan.population.groupIds ?? [])
    for (const id of members(graph, groupId)) population.add(id);
  for (const id of population) {
    if (!breakGlass.has(id) && graph.getUser(id) && !rows.has(id))
      problems.push(`population user ${id} has no row (no stage) in the users table`);
  }
  return problems;
}

/** The users table and Graph's group memberships tell the same story. */
export function membershipRule({ rollout, users, graph }: InvariantFacts): string[] {
  const problems: string[] = [];
  const enforced = members(graph, rollout.enforcedGroupId as string);
  const excluded = members(graph, rollout.excludedGroupId as string);
  const rows = new Map(users.map((u) => [u.userId, u]));
  for (const user of users) {
    // An excluded user keeps the group they had: the excluded group outranks it in both policies.
    const shouldBeEnforced =
      user.stage === "enforced" || (user.stage === "excluded" && user.stageBeforeExclusion === "enforced");
    if (enforced.has(user.userId) !== shouldBeEnforced)
      problems.push(
        `user ${user.userId} is ${user.stage} in the table but ${enforced.has(user.userId) ? "is" : "is not"} in the enforced group`,
      );
    if (excluded.has(user.userId) !== (user.stage === "excluded"))
      problems.push(
        `user ${user.userId} is ${user.stage} in the table but ${excluded.has(user.userId) ? "is" : "is not"} in the excluded group`,
      );
  }
  for (const id of [...enforced, ...excluded].filter((id) => !rows.has(id)))
    problems.push(`${id} is in a managed group but not in the rollout's users table`);
  return problems;
}

/** Nobody is enforced before their wave observed them for the plan's full window and passed readiness. */
export function observationRule({ rollout, plan, waves, users, gates }: InvariantFacts): string[] {
  const problems: string[] = [];
  const byIndex = new Map(waves.map((w) => [w.index, w]));
  const checked = new Map<number, string | undefined>();
  const why = (waveIndex: number): string | undefined => {
    if (checked.has(waveIndex)) return checked.get(waveIndex);
    const wave = byIndex.get(waveIndex);
    const planned = plan.waves[waveIndex];
    let problem: string | undefined;
    if (!wave || !planned || !wave.observeStartedAt || !wave.observeEndsAt)
      problem = "its wave never observed";
    else {
      const from = Date.parse(wave.observeStartedAt);
      const until = Date.parse(wave.observeEndsAt);
      const passed = gates.some(
        (g) =>
          g.waveIndex === waveIndex &&
          g.gate === "readiness" &&
          Date.parse(g.evaluatedAt) >= until &&
          (g.decision === "proceed" || g.decision === "shrink"),
      );
      if (until - from < isoDurationMs(planned.observeFor))
        problem = `the observation window is shorter than ${planned.observeFor}`;
      else if (rollout.reportOnlySince && from < Date.parse(rollout.reportOnlySince))
        problem = "the observation window starts before the report-only policy existed";
      else if (!passed) problem = "no readiness gate passed after the observation window";
      else if (!wave.bakeStartedAt || Date.parse(wave.bakeStartedAt) < until)
        problem = "enforcement started before the observation window ended";
    }
    checked.set(waveIndex, problem);
    return problem;
  };
  for (const user of users.filter((u) => u.stage === "enforced")) {
    const problem = why(user.waveIndex);
    if (problem)
      problems.push(`user ${user.userId} is enforced without a completed observation window: ${problem}`);
  }
  return problems;
}

/** Every gate decision has its audit row, and every user the engine or an admin moved is accounted for. */
export function auditRule({ rollout, users, gates, audit }: InvariantFacts): string[] {
  const problems: string[] = [];
  const decisions = new Set(
    audit
      .filter((a) => a.action.startsWith("decision:"))
      .map((a) => `${a.waveIndex}|${Date.parse(a.at)}|${a.action}`),
  );
  for (const gate of gates) {
    if (!decisions.has(`${gate.waveIndex}|${Date.parse(gate.evaluatedAt)}|decision:${gate.decision}`))
      problems.push(
        `the ${gate.gate} decision of wave ${gate.waveIndex} at ${gate.evaluatedAt} has no audit row`,
      );
  }
  const actions = new Set(audit.map((a) => a.action));
  if (!actions.has("setup")) problems.push("the groups and policies exist but setup has no audit row");
  if (!actions.has(`status:${rollout.status}`) && !actions.has(`rollout:${rollout.status}`))
    problems.push(`the rollout is ${rollout.status} but no audit row records that status`);
  // Wave-wide moves name no users; every other move names the user in its details.
  const waveMoves = new Set(
    audit
      .filter((a) => a.action === "wave:enforce" || a.action === "wave:step-back")
      .map((a) => `${a.waveIndex}|${a.action === "wave:enforce" ? "enforced" : "heldBack"}`),
  );
  const named = audit.map((a) => JSON.stringify(a.details ?? null));
  for (const user of users.filter((u) => u.stage !== "reportOnly")) {
    const byWave = waveMoves.has(`${user.waveIndex}|${user.stage}`);
    if (!byWave && !named.some((details) => details.includes(user.userId)))
      problems.push(`user ${user.userId} is ${user.stage} but no audit row accounts for the move`);
  }
  return problems;
}
