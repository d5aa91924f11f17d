import type { AppStack } from "../local/rehearsal/start-stack";
import { readMemberIds } from "../shared/app/reconcile-graph";
import type { Plan } from "../shared/domain";
import { enforcedPolicy, policyFingerprint, reportOnlyPolicy, requireMfaControls } from "../shared/graph";

export interface BenchRollout {
  enforcedGroupId: string;
  /** The population group's members less break-glass accounts, in the group's order. */
  users: string[];
}

/**
 * A running rollout of `plan` built directly in Graph (managed groups and both policies through the
 * gateway) and in the store, as setup leaves it, for benches that run one activity alone at a
 * size a whole rehearsal does not reach on a loaded machine. Users rows are the caller's.
 */
export async function createBenchRollout(
  { graph, store }: Pick<AppStack, "graph" | "store">,
  plan: Plan,
  rolloutId: string,
  reportOnlySince?: string,
): Promise<BenchRollout> {
  const populationGroup = plan.population.groupIds?.[0];
  if (!populationGroup) throw new Error("the plan names no population group");
  const breakGlass = new Set(plan.breakGlass.map((id) => id.toLowerCase()));
  const users = [...((await readMemberIds(graph, populationGroup)) ?? [])].filter(
    (id) => !breakGlass.has(id),
  );
  const enforced = await graph.ensureGroup(`CA rollout ${rolloutId} – enforced`, "bench");
  const excluded = await graph.ensureGroup(`CA rollout ${rolloutId} – excluded`, "bench");
  const common = {
    enforcedGroupId: enforced.id,
    excludedGroupId: excluded.id,
    breakGlassUserIds: plan.breakGlass,
    controls: requireMfaControls(),
  };
  const reportOnly = reportOnlyPolicy({
    ...common,
    displayName: `${rolloutId} (report-only)`,
    population: { includeGroups: [populationGroup] },
  });
  const enforcing = enforcedPolicy({ ...common, displayName: `${rolloutId} (enforced)` });
  const reportOnlyId = (await graph.ensurePolicy(reportOnly)).id;
  const enforcedId = (await graph.ensurePolicy(enforcing)).id;
  await store.rollouts.create({
    id: rolloutId,
    plan,
    createdBy: "bench",
    status: "running",
    enforcedGroupId: enforced.id,
    excludedGroupId: excluded.id,
    reportOnlyPolicyId: reportOnlyId,
    enforcedPolicyId: enforcedId,
    reportOnlyPolicyFingerprint: policyFingerprint({ ...reportOnly, id: reportOnlyId }),
    enforcedPolicyFingerprint: policyFingerprint({ ...enforcing, id: enforcedId }),
    ...(reportOnlySince ? { reportOnlySince } : {}),
  });
  return { enforcedGroupId: enforced.id, users };
}
