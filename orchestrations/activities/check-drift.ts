import * as df from "durable-functions";
import { dependencies } from "../../shared/runtime/dependencies";
import { checkDrift } from "../../shared/services/reconcile-drift";
import { DriftActivities, type CheckDriftInput, type CheckDriftResult } from "../wave/drift-contracts";

/** Compares the managed policies and groups with what the rollout recorded; see checkDrift. */
export async function checkDriftActivity(input: CheckDriftInput): Promise<CheckDriftResult> {
  return checkDrift(await dependencies(), input);
}

df.app.activity(DriftActivities.checkDrift, {
  handler: (input: CheckDriftInput) => checkDriftActivity(input),
});
