import * as df from "durable-functions";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type SetStatusInput } from "../activity-contracts";

/** Status row and audit row together; the audit row is keyed so a replayed call writes it once. */
export async function setRolloutStatus(input: SetStatusInput): Promise<void> {
  const { store } = await dependencies();
  await store.rollouts.update(input.rolloutId, () => ({
    status: input.status,
    statusReason: input.reason,
    ...(input.activeWaveInstanceId !== undefined
      ? { activeWaveInstanceId: input.activeWaveInstanceId ?? "" }
      : {}),
  }));
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: input.actor,
    action: `status:${input.status}`,
    details: { reason: input.reason },
    idempotencyKey: input.idempotencyKey,
  });
}

df.app.activity(Activities.setRolloutStatus, { handler: (input: SetStatusInput) => setRolloutStatus(input) });
