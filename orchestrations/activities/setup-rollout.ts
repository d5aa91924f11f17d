import { uncoveredMessage } from "../../shared/domain";
import { managedGroupNames } from "../../shared/app/preflight";
import { outsideWaves, readCoverage } from "../../shared/app/coverage";
import { applyPlacements } from "../../shared/app/placements";
import { enforcedPolicy, policyFingerprint, reportOnlyPolicy, requireMfaControls } from "../../shared/graph";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type SetupResult, type SetupInput } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";
import { loadRollout, refreshCounts } from "../../shared/store/rollout-facts";
import { storeFinishedResults } from "../../shared/store";

/**
 * Creates (or finds again) the two groups and two policies, then writes every population user
 * into the users table under report-only with their wave. Re-running it changes nothing twice:
 * groups and policies are found by stored id or name, user rows are upserted. Run again after it
 * finished, it returns its result rather than reading Graph again (finished-results.ts).
 */
export async function setupRollout(input: SetupInput): Promise<SetupResult> {
  const deps = await dependencies();
  const { store } = deps;
  const finished = storeFinishedResults(store.counters);
  const found = await finished.find<SetupResult>(`setup|${input.rolloutId}`);
  if (found) return found;
  // A re-run after a crash reuses the Conditional Access slots the first run took.
  const graph = deps.graph.paced(`setup|${input.rolloutId}`);
  const { record, plan } = await loadRollout(store, input.rolloutId);
  const id = input.rolloutId;
  // The preflight looks the groups up by these same names before they exist.
  const names = managedGroupNames(id);

  const enforced = await graph.ensureGroup(names.enforced, managedBy(id, "users moved into enforcement"), {
    ...(record.enforcedGroupId ? { storedId: record.enforcedGroupId } : {}),
  });
  const excluded = await graph.ensureGroup(names.excluded, managedBy(id, "audited, time-boxed exclusions"), {
    ...(record.excludedGroupId ? { storedId: record.excludedGroupId } : {}),
  });
  const copyFrom = "copyFrom" in plan.policy ? plan.policy.copyFrom : undefined;
  const controls = copyFrom ? await graph.policyControlsFrom(copyFrom) : requireMfaControls();
  const common = {
    enforcedGroupId: enforced.id,
    excludedGroupId: excluded.id,
    breakGlassUserIds: plan.breakGlass,
    controls,
  };
  const reportOnlyDefinition = reportOnlyPolicy({
    ...common,
    displayName: `${id} (report-only)`,
    population: {
      includeGroups: plan.population.groupIds ?? [],
      includeUsers: plan.population.userIds ?? [],
    },
  });
  const enforcedDefinition = enforcedPolicy({ ...common, displayName: `${id} (enforced)` });
  const reportOnly = await graph.ensurePolicy(reportOnlyDefinition, {
    ...(record.reportOnlyPolicyId ? { storedId: record.reportOnlyPolicyId } : {}),
  });
  const enforcedP = await graph.ensurePolicy(enforcedDefinition, {
    ...(record.enforcedPolicyId ? { storedId: record.enforcedPolicyId } : {}),
  });

  const coverage = await readCoverage(graph, plan, input.at);
  const { population, assignment, decision } = coverage;
  // The start refused a plan that leaves users behind; the directory may have changed since.
  if (!decision.ok)
    throw new Error(uncoveredMessage(decision.uncovered.length, decision.uncovered.slice(0, 5)));
  const placements = new Map(decision.placements.map((p) => [p.userId, p]));
  const upns = new Map(coverage.serviceAccounts.map((a) => [a.userId, a.userPrincipalName ?? ""]));
  // Excluded users start in report-only: the exclusion (group, expiry, audit) is made next.
  const placedRow = (userId: string, waveIndex: number) => {
    const placement = placements.get(userId);
    if (placement === undefined || placement.stage === "excluded") {
      return { userId, upn: "", waveIndex, stage: "reportOnly" as const };
    }
    return {
      userId,
      upn: upns.get(userId) ?? "",
      waveIndex,
      stage: placement.stage,
      reason: placement.reason,
    };
  };

  await store.rollouts.update(id, () => ({
    enforcedGroupId: enforced.id,
    excludedGroupId: excluded.id,
    reportOnlyPolicyId: reportOnly.id,
    enforcedPolicyId: enforcedP.id,
    reportOnlyPolicyFingerprint: policyFingerprint({ ...reportOnlyDefinition, id: reportOnly.id }),
    enforcedPolicyFingerprint: policyFingerprint({ ...enforcedDefinition, id: enforcedP.id }),
    reportOnlySince: record.reportOnlySince ?? input.at,
  }));
  for (const wave of assignment.waves) {
    await store.waves.put({
      rolloutId: id,
      index: wave.index,
      name: wave.name,
      phase: "pending",
      planned: wave.userIds.length,
    });
  }
  // One bulk write, not one per wave: users are spread over the table's partitions by id, and a
  // transaction holds one partition's rows, so only the whole population fills its batches.
  // Users in no wave stay observed under report-only, so every population user has one row.
  await store.users.upsertMany(id, [
    ...assignment.waves.flatMap((wave) => wave.userIds.map((userId) => placedRow(userId, wave.index))),
    ...assignment.unassigned.map((userId) => placedRow(userId, -1)),
  ]);
  await applyPlacements(deps, id, decision.placements, input.actor);
  await refreshCounts(store, id);
  await store.audit.append(id, {
    at: input.at,
    actor: input.actor,
    action: "setup",
    details: {
      groups: { enforced: enforced.id, excluded: excluded.id },
      policies: { reportOnly: reportOnly.id, enforced: enforcedP.id },
      population: population.length,
      waves: assignment.waves.map((w) => ({ name: w.name, users: w.userIds.length })),
      unassigned: assignment.unassigned.length,
      ...outsideWaves(coverage, plan.remainder),
    },
    idempotencyKey: "setup",
  });
  const result: SetupResult = {
    waveCount: assignment.waves.length,
    populationSize: population.length,
    reportOnlySince: record.reportOnlySince ?? input.at,
  };
  await finished.save(`setup|${input.rolloutId}`, result);
  return result;
}

function managedBy(rolloutId: string, role: string): string {
  return `Managed by CA Wave Rollout for rollout ${rolloutId}: ${role}. Do not edit by hand.`;
}

registerActivity(Activities.setupRollout, setupRollout);
