import * as df from "durable-functions";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities } from "../activity-contracts";
import { refreshCounts } from "./rollout-facts";

export interface CompleteRolloutInput {
  rolloutId: string;
  at: string;
  outcome: "completed" | "aborted";
}

/** The orchestration is ending: nothing more will change unless an admin starts something new. */
export async function completeRollout(input: CompleteRolloutInput): Promise<void> {
  const { store } = await dependencies();
  await refreshCounts(store, input.rolloutId);
  const record = await store.rollouts.update(input.rolloutId, () => ({
    status: input.outcome,
    statusReason: input.outcome === "completed" ? "every wave is done" : "aborted by an admin",
    activeWaveInstanceId: "",
  }));
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: "system:engine",
    action: `rollout:${input.outcome}`,
    details: { counts: record.counts },
    idempotencyKey: `rollout-${input.outcome}`,
  });
}

df.app.activity(Activities.completeRollout, {
  handler: (input: CompleteRolloutInput) => completeRollout(input),
});
