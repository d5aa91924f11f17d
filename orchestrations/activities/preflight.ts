import { dependencies } from "../../shared/runtime/dependencies";
import { PREFLIGHT_AUDIT_KEY, runPreflight } from "../../shared/app/preflight";
import { Activities, type PreflightResult } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";
import { loadRollout } from "../../shared/store/rollout-facts";
import { storeFinishedResults } from "../../shared/store";

/**
 * Refuses to start when a check fails (a break-glass account missing or disabled, no P1
 * licence, a Graph permission missing, an unprotected group when the plan requires protected
 * ones); warnings are recorded and the rollout goes on. Every check is stored in the audit row.
 */
export async function preflight(input: { rolloutId: string }): Promise<PreflightResult> {
  const { store, graph, clock } = await dependencies();
  // Run again after it finished, it returns its result rather than reading Graph again.
  const finished = storeFinishedResults(store.counters);
  const key = `preflight|${input.rolloutId}`;
  const found = await finished.find<PreflightResult>(key);
  if (found) return found;
  const { record, plan } = await loadRollout(store, input.rolloutId);
  // One preflight per rollout: its Conditional Access calls keep their slots if it runs again.
  const result = await runPreflight(graph.paced(`preflight|${input.rolloutId}`), {
    plan,
    at: clock.now().toISOString(),
    ...(record.enforcedGroupId ? { enforcedGroupId: record.enforcedGroupId } : {}),
    ...(record.excludedGroupId ? { excludedGroupId: record.excludedGroupId } : {}),
    rollouts: store.rollouts,
  });
  const problems = result.checks.filter((c) => c.status === "fail").map((c) => c.message);
  await store.audit.append(input.rolloutId, {
    actor: "system:preflight",
    action: "preflight",
    details: { ok: result.ok, problems, checks: result.checks },
    idempotencyKey: PREFLIGHT_AUDIT_KEY,
  });
  await finished.save(key, { ok: result.ok, problems });
  return { ok: result.ok, problems };
}

registerActivity(Activities.preflight, preflight);
