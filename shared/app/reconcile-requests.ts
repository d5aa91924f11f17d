import { canReconcile } from "../domain";
import { ConflictError } from "../errors";
import type { AuditActor } from "../store";
import type { AppPorts } from "./ports";
import { reconcileRollout, type ReconcileReport } from "./reconcile";

/** The drift guard's reconcile: small payloads, counts and reasons only. */
export interface ReconcileActivityInput {
  rolloutId: string;
  at: string;
  actor: string;
  /** Resume after a drift pause: adopt edited policies (break-glass still excluded), recreate deleted ones. */
  acknowledgePolicies: boolean;
  idempotencyKey: string;
}

export interface ReconcileActivityResult {
  changed: number;
  removedFromEnforcedGroup: number;
  outsidersRemoved: number;
  policyDrift: boolean;
}

/** The engine's reconcile (a drift pause's resume): returns counts only; the audit row has the detail. */
export async function reconcileAfterDrift(
  deps: Pick<AppPorts, "store" | "graph">,
  input: ReconcileActivityInput,
): Promise<ReconcileActivityResult> {
  const { actor, ...rest } = input;
  const report = await reconcileRollout(deps, { ...rest, by: { actor }, maxListed: 0 });
  return {
    changed: report.counts.changed,
    removedFromEnforcedGroup: report.counts.removedFromEnforcedGroup,
    outsidersRemoved: report.counts.outsidersRemoved,
    policyDrift: report.policyDrift,
  };
}

/**
 * An admin's reconcile: refused while the rollout's own activities may write the same rows
 * (canReconcile) or before its setup made the groups; otherwise the whole report, as of now.
 */
export async function reconcileOnRequest(
  deps: AppPorts,
  request: { rolloutId: string; by: AuditActor; reason?: string },
): Promise<ReconcileReport> {
  const id = request.rolloutId;
  const record = await deps.store.rollouts.get(id);
  if (!canReconcile(record.status)) {
    throw new ConflictError(
      "invalid_state",
      `cannot reconcile rollout ${id} while it is ${record.status}: pause it first`,
    );
  }
  if (!record.enforcedGroupId || !record.excludedGroupId) {
    throw new ConflictError("invalid_state", `rollout ${id} has not finished its setup`);
  }
  return reconcileRollout(deps, {
    rolloutId: id,
    at: deps.clock.now().toISOString(),
    by: request.by,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
  });
}
