import { dependencies } from "../../shared/runtime/dependencies";
import { reconcileRollout } from "../../shared/app/reconcile";
import { Activities, type ReconcileActivityInput, type ReconcileActivityResult } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

/** Rebuilds the users table from Graph's truth; returns counts only (the audit row has the detail). */
export async function reconcileActivity(input: ReconcileActivityInput): Promise<ReconcileActivityResult> {
  const { actor, ...rest } = input;
  const report = await reconcileRollout(await dependencies(), { ...rest, by: { actor }, maxListed: 0 });
  return {
    changed: report.counts.changed,
    removedFromEnforcedGroup: report.counts.removedFromEnforcedGroup,
    outsidersRemoved: report.counts.outsidersRemoved,
    policyDrift: report.policyDrift,
  };
}

registerActivity(Activities.reconcile, reconcileActivity);
