import { validatePlan } from "../../shared/domain";
import type { StatusStore } from "../../shared/store";
import type { SimTenant } from "../graph-sim";

/**
 * What must hold after every step of any rollout, checked against Graph's truth (the simulator's
 * tenant) rather than the app's own opinion. Returns the violations; none means all is well.
 */
export async function checkInvariants(
  store: StatusStore,
  tenant: SimTenant,
  rolloutId: string,
): Promise<string[]> {
  const problems: string[] = [];
  const rollout = await store.rollouts.get(rolloutId);
  const validation = validatePlan(rollout.plan);
  if (!validation.ok) return [`stored plan no longer validates`];
  const plan = validation.plan;
  if (!rollout.enforcedGroupId || !rollout.reportOnlyPolicyId || !rollout.enforcedPolicyId) return problems;

  const enforcedMembers = new Set(tenant.listMemberIds(rollout.enforcedGroupId));
  for (const id of plan.breakGlass) {
    if (enforcedMembers.has(id)) problems.push(`break-glass ${id} is in the enforced group`);
    for (const policyId of [rollout.reportOnlyPolicyId, rollout.enforcedPolicyId]) {
      const excluded = tenant.getPolicy(policyId)?.conditions?.users?.excludeUsers ?? [];
      if (!excluded.includes(id)) problems.push(`break-glass ${id} is not excluded from policy ${policyId}`);
    }
  }

  const waves = new Map((await store.waves.list(rolloutId)).map((w) => [w.index, w]));
  const seen = new Set<string>();
  for await (const page of store.users.iteratePages(rolloutId)) {
    for (const user of page) {
      seen.add(user.userId);
      const member = enforcedMembers.has(user.userId);
      const shouldBeMember =
        user.stage === "enforced" || (user.stage === "excluded" && user.stageBeforeExclusion === "enforced");
      if (member !== shouldBeMember) {
        problems.push(
          `user ${user.userId} is ${user.stage} in the table but ${member ? "is" : "is not"} in the enforced group`,
        );
      }
      if (user.stage === "enforced") {
        const wave = waves.get(user.waveIndex);
        if (
          user.waveIndex >= 0 &&
          (!wave?.observeEndsAt || !wave.bakeStartedAt || wave.observeEndsAt > wave.bakeStartedAt)
        ) {
          problems.push(`user ${user.userId} is enforced without a completed observation window`);
        }
      }
    }
  }
  for (const id of enforcedMembers) {
    if (!seen.has(id)) problems.push(`${id} is in the enforced group but not in the rollout's users table`);
  }

  const decisions = await store.gates.list(rolloutId, { limit: 100_000 });
  const audited = new Set(
    (await store.audit.list(rolloutId, { limit: 100_000 }))
      .filter((a) => a.action.startsWith("decision:"))
      .map((a) => `${a.waveIndex}|${Date.parse(a.at)}|${a.action}`),
  );
  for (const gate of decisions) {
    const key = `${gate.waveIndex}|${Date.parse(gate.evaluatedAt)}|decision:${gate.decision}`;
    if (!audited.has(key))
      problems.push(
        `the ${gate.gate} decision of wave ${gate.waveIndex} at ${gate.evaluatedAt} has no audit row`,
      );
  }
  return problems;
}
