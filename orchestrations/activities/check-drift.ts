import { dependencies } from "../../shared/runtime/dependencies";
import { checkDrift } from "../../shared/app/reconcile-drift";
import { storeFinishedResults } from "../../shared/store";
import { Activities, type CheckDriftInput, type CheckDriftResult } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

/**
 * Compares the managed policies and groups with what the rollout recorded; see checkDrift. A check
 * is named by its inputs; run again after it finished (a crash before its completion was recorded)
 * it returns what it found rather than reading Graph again (see finished-results.ts).
 */
export async function checkDriftActivity(input: CheckDriftInput): Promise<CheckDriftResult> {
  const deps = await dependencies();
  const finished = storeFinishedResults(deps.store.counters);
  const key = `drift|${input.rolloutId}|${input.waveIndex}|${input.checkpoint}|${input.at}`;
  const found = await finished.find<CheckDriftResult>(key);
  if (found) return found;
  const result = await checkDrift(deps, input);
  await finished.save(key, result);
  return result;
}

registerActivity(Activities.checkDrift, checkDriftActivity);
