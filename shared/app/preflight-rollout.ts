import { loadRollout } from "../store/rollout-facts";
import type { AppPorts } from "./ports";
import { PREFLIGHT_AUDIT_KEY, runPreflight } from "./preflight";

export interface PreflightResult {
  ok: boolean;
  problems: string[];
}

/**
 * Refuses to start when a check fails (a break-glass account missing or disabled, no P1
 * licence, a Graph permission missing, an unprotected group when the plan requires protected
 * ones); warnings are recorded and the rollout goes on. Every check is stored in the audit row.
 */
export async function preflightRollout(
  { store, graph, clock }: AppPorts,
  input: { rolloutId: string },
): Promise<PreflightResult> {
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
  return { ok: result.ok, problems };
}
