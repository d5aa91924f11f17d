import { createHash } from "node:crypto";
import type { Clock } from "../clock";
import type { StatusStore, OutboxRow } from "../store";
import { webhookPayload } from "../notify/webhook-payload";
import { postWebhook } from "../notify/post-webhook";
import { CLAIM_MS, MAX_ATTEMPTS, retryDelayMs } from "../notify/retry-schedule";
import { resolveWebhookTarget, webhookHost, type PlanNotifications } from "../notify/webhook-target";

export interface DeliveryDeps {
  store: StatusStore;
  clock: Clock;
  env?: NodeJS.ProcessEnv;
  /** Where lines go: they name the host at most, never the URL. */
  log?: (line: string) => void;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  retrying: number;
}

/** Rollouts whose outbox the timer reads: a rollout quiet for this long has nothing left to send. */
const QUIET_AFTER_MS = 2 * 24 * 3_600_000;

/**
 * Sends every due notification of one rollout. Each row is claimed (ETag) before it is sent, so two
 * deliverers never both post it; the receiver can still drop a repeat by the event id after a
 * crash mid-send. Nothing here throws for a webhook's failure: that is recorded, never raised.
 */
export async function deliverRolloutNotifications(
  deps: DeliveryDeps,
  rolloutId: string,
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, failed: 0, retrying: 0 };
  const now = deps.clock.now();
  const due = (await deps.store.notifications.list(rolloutId, "pending")).filter(
    (row) => Date.parse(row.nextAttemptAt) <= now.getTime(),
  );
  if (due.length === 0) return counts;
  const rollout = await deps.store.rollouts.find(rolloutId);
  const target = resolveWebhookTarget(planNotifications(rollout?.plan), deps.env);
  for (const pending of due) {
    const claimed = await deps.store.notifications.settle(pending, {
      state: "pending",
      attempts: pending.attempts,
      nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString(),
    });
    if (!claimed) continue;
    if (target.kind === "none") {
      await deps.store.notifications.settle(claimed, { ...claimed, state: "unconfigured" });
      continue;
    }
    if (target.kind === "invalid") {
      await fail(deps, claimed, claimed.attempts, target.problem, undefined);
      counts.failed++;
      continue;
    }
    const host = webhookHost(target.url);
    const outcome = await postWebhook(target.url, webhookPayload(target.format, claimed.event));
    const attempts = claimed.attempts + 1;
    const at = deps.clock.now();
    if (outcome.ok) {
      const written = await deps.store.notifications.settle(claimed, {
        state: "sent",
        attempts,
        nextAttemptAt: at.toISOString(),
        host,
      });
      if (written) {
        await audit(deps, claimed, "notification:sent", { host, attempts, status: outcome.status }, at);
        deps.log?.(`notification ${claimed.event.kind} for ${rolloutId} sent to ${host}`);
        counts.sent++;
      }
      continue;
    }
    if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
      await fail(deps, claimed, attempts, outcome.error, host);
      counts.failed++;
      continue;
    }
    await deps.store.notifications.settle(claimed, {
      state: "pending",
      attempts,
      nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts)).toISOString(),
      lastError: outcome.error,
      host,
    });
    deps.log?.(`notification ${claimed.event.kind} for ${rolloutId} to ${host}: ${outcome.error}; retrying`);
    counts.retrying++;
  }
  return counts;
}

/** The timer's sweep: every rollout that changed lately (a finished one still sends its last word). */
export async function deliverAllNotifications(deps: DeliveryDeps): Promise<DeliveryCounts> {
  const total: DeliveryCounts = { sent: 0, failed: 0, retrying: 0 };
  const since = deps.clock.now().getTime() - QUIET_AFTER_MS;
  for (const rollout of await deps.store.rollouts.list({ limit: 1000 })) {
    if (Date.parse(rollout.updatedAt) < since) continue;
    try {
      const counts = await deliverRolloutNotifications(deps, rollout.id);
      total.sent += counts.sent;
      total.failed += counts.failed;
      total.retrying += counts.retrying;
    } catch (error) {
      deps.log?.(`notifications for ${rollout.id} not delivered this round: ${(error as Error).message}`);
    }
  }
  return total;
}

async function fail(
  deps: DeliveryDeps,
  row: OutboxRow,
  attempts: number,
  error: string,
  host: string | undefined,
): Promise<void> {
  const at = deps.clock.now();
  const written = await deps.store.notifications.settle(row, {
    state: "failed",
    attempts,
    nextAttemptAt: at.toISOString(),
    lastError: error,
    ...(host !== undefined ? { host } : {}),
  });
  if (!written) return;
  await audit(
    deps,
    row,
    "notification:failed",
    { ...(host !== undefined ? { host } : {}), attempts, error },
    at,
  );
  deps.log?.(
    `notification ${row.event.kind} for ${row.event.rolloutId} failed after ${attempts} attempt(s): ${error}`,
  );
}

function audit(
  deps: DeliveryDeps,
  row: OutboxRow,
  action: "notification:sent" | "notification:failed",
  details: Record<string, unknown>,
  at: Date,
): Promise<unknown> {
  return deps.store.audit.append(row.event.rolloutId, {
    at: at.toISOString(),
    actor: "system:notifications",
    action,
    ...(row.event.waveIndex !== undefined ? { waveIndex: row.event.waveIndex } : {}),
    details: { eventId: row.event.id, kind: row.event.kind, ...details },
    idempotencyKey: `${action === "notification:sent" ? "notified" : "notify-failed"}-${shortKey(row.event.id)}`,
  });
}

/** Event ids can approach the key limit; a digest keeps the audit key short and still one per event. */
function shortKey(eventId: string): string {
  return createHash("sha256").update(eventId).digest("hex").slice(0, 32);
}

function planNotifications(plan: unknown): PlanNotifications | undefined {
  if (plan === null || typeof plan !== "object") return undefined;
  const block = (plan as { notifications?: unknown }).notifications;
  return block !== null && typeof block === "object" ? (block as PlanNotifications) : undefined;
}
