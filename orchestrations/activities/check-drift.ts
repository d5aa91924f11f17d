import { dependencies } from "../../shared/runtime/dependencies";
import { checkDrift } from "../../shared/app/reconcile-drift";
import { Activities, type CheckDriftInput, type CheckDriftResult } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

/** Compares the managed policies and groups with what the rollout recorded; see checkDrift. */
export async function checkDriftActivity(input: CheckDriftInput): Promise<CheckDriftResult> {
  return checkDrift(await dependencies(), input);
}

registerActivity(Activities.checkDrift, checkDriftActivity);
