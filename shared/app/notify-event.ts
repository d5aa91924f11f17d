import type { Clock } from "../clock";
import type { AppendResult, OutboxRequest, StatusStore } from "../store";
import type { AuditInput } from "../store/records";
import { recordRolloutEvent } from "../telemetry/rollout-telemetry";
import { deliverRolloutNotifications } from "./deliver-notifications";

const inFlight = new Set<Promise<unknown>>();

/**
 * Writes an audit entry that ops should hear about: the entry and its outbox row in one
 * transaction (so a crash loses neither), a telemetry count the first time, and a delivery attempt
 * started but not awaited. The rollout never waits on a webhook, and a failed attempt is left to
 * the deliver-notifications timer, which retries with backoff and audits the end.
 */
export async function appendWithNotification(
  deps: { store: StatusStore; clock: Clock },
  rolloutId: string,
  input: AuditInput,
  notify: OutboxRequest,
): Promise<AppendResult> {
  const result = await deps.store.audit.append(rolloutId, input, notify);
  if (result.created) {
    recordRolloutEvent({
      kind: notify.kind,
      rolloutId,
      ...(input.waveIndex !== undefined ? { waveIndex: input.waveIndex } : {}),
    });
  }
  // Also on a repeat (an activity retried after a crash): the first call may never have sent.
  const attempt = deliverRolloutNotifications(deps, rolloutId).catch(() => undefined);
  inFlight.add(attempt);
  void attempt.finally(() => inFlight.delete(attempt));
  return result;
}

/** Waits for the delivery attempts started so far (the rehearsal and tests, before they read or stop). */
export async function settleNotificationAttempts(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
