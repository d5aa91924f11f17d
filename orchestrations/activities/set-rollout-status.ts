import { dependencies } from "../../shared/runtime/dependencies";
import { cleanFreeText } from "../../shared/text/terminal-safe";
import { appendWithNotification } from "../../shared/app/notify-event";
import { Activities, type SetStatusInput } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

/** Status row and audit row together; the audit row is keyed so a replayed call writes it once. */
export async function setRolloutStatus(input: SetStatusInput): Promise<void> {
  const deps = await dependencies();
  const { store } = deps;
  // Reasons quote admins' words: stored, they are printed on terminals and read for years.
  const reason = cleanFreeText(input.reason);
  await store.rollouts.update(input.rolloutId, () => ({
    status: input.status,
    statusReason: reason,
    ...(input.activeWaveInstanceId !== undefined
      ? { activeWaveInstanceId: input.activeWaveInstanceId ?? "" }
      : {}),
  }));
  const entry = {
    at: input.at,
    actor: input.actor,
    action: `status:${input.status}`,
    details: { reason },
    idempotencyKey: input.idempotencyKey,
  };
  if (input.notify) {
    await appendWithNotification(deps, input.rolloutId, entry, { kind: input.notify, summary: reason });
  } else {
    await store.audit.append(input.rolloutId, entry);
  }
}

registerActivity(Activities.setRolloutStatus, setRolloutStatus);
