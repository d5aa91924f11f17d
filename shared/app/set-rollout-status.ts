import { cleanFreeText } from "../text/terminal-safe";
import type { RolloutStatus } from "../domain";
import type { NotificationKind } from "../notify/notification-event";
import { appendWithNotification } from "./notify-event";
import type { AppPorts } from "./ports";

export interface SetStatusInput {
  rolloutId: string;
  status: RolloutStatus;
  reason: string;
  actor: string;
  at: string;
  /** Makes the audit row idempotent when the activity is retried or replayed after a crash. */
  idempotencyKey: string;
  activeWaveInstanceId?: string | null;
  /** Tell ops (webhook, telemetry): the orchestrator knows which status changes they care about. */
  notify?: NotificationKind;
}

/** Status row and audit row together; the audit row is keyed so a replayed call writes it once. */
export async function setRolloutStatus(
  deps: Pick<AppPorts, "store" | "clock">,
  input: SetStatusInput,
): Promise<void> {
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
