import { startWebhookReceiver, type WebhookReceiver } from "../../../local/webhook-receiver";
import { freePort } from "../../../local/free-port";
import { MAX_ATTEMPTS, retryDelayMs } from "../../../shared/notify/retry-schedule";
import {
  deliverAllNotifications,
  deliverRolloutNotifications,
} from "../../../shared/app/deliver-notifications";
import { appendWithNotification, settleNotificationAttempts } from "../../../shared/app/notify-event";
import { freshStore } from "../store/store-fixture";

jest.setTimeout(60_000);

const SECRET = "sig=rehearsal-secret";

async function rolloutWithEvent(plan: Record<string, unknown> = {}) {
  const fresh = await freshStore();
  const rolloutId = "notify-test";
  await fresh.store.rollouts.create({
    id: rolloutId,
    plan: { rolloutId, ...plan },
    createdBy: "admin@contoso.test",
  });
  return { ...fresh, rolloutId };
}

function pause(at: string) {
  return {
    input: {
      at,
      actor: "system:engine",
      action: "status:paused",
      waveIndex: 1,
      details: { reason: "the health gate failed broadly" },
      idempotencyKey: `w1-status-paused-${Date.parse(at)}`,
    },
    notify: { kind: "pause" as const, summary: "the health gate failed broadly" },
  };
}

describe("notification delivery through the outbox, to a real HTTP receiver", () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.stop();
  });

  it("retries a failed post with backoff, then delivers once and audits it with the host only", async () => {
    const { store, clock, rolloutId } = await rolloutWithEvent();
    const env = { NOTIFY_WEBHOOK_URL: receiver.url };
    receiver.answerWith(500);
    const event = pause(clock.now().toISOString());
    await store.audit.append(rolloutId, event.input, event.notify);

    expect(await deliverRolloutNotifications({ store, clock, env }, rolloutId)).toEqual({
      sent: 0,
      failed: 0,
      retrying: 1,
    });
    const [waiting] = await store.notifications.list(rolloutId);
    expect(waiting).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: "HTTP 500",
      host: new URL(receiver.url).host,
    });
    expect(Date.parse(waiting!.nextAttemptAt) - clock.now().getTime()).toBe(retryDelayMs(1));

    receiver.answerWith(202);
    // Not yet due: the backoff holds it back.
    expect((await deliverRolloutNotifications({ store, clock, env }, rolloutId)).sent).toBe(0);
    clock.advanceTo(new Date(clock.now().getTime() + retryDelayMs(1)));
    expect((await deliverRolloutNotifications({ store, clock, env }, rolloutId)).sent).toBe(1);
    expect(await deliverAllNotifications({ store, clock, env })).toEqual({ sent: 0, failed: 0, retrying: 0 });

    expect(receiver.received).toHaveLength(1);
    const card = JSON.stringify(receiver.received[0]?.body);
    expect(card).toContain("Rollout paused: notify-test");
    expect(card).toContain(`notify-test/${event.input.idempotencyKey}`);

    const audit = await store.audit.list(rolloutId);
    const sent = audit.filter((a) => a.action === "notification:sent");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.details).toMatchObject({ kind: "pause", attempts: 2, host: new URL(receiver.url).host });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(JSON.stringify(await store.notifications.list(rolloutId))).not.toContain(SECRET);
  });

  it("gives up after the last attempt against a receiver that is down, and audits the failure", async () => {
    const { store, clock, rolloutId } = await rolloutWithEvent({
      notifications: { webhookSetting: "OPS_HOOK" },
    });
    const port = await freePort();
    const env = { OPS_HOOK: `http://127.0.0.1:${port}/hook?${SECRET}` };
    const event = pause(clock.now().toISOString());
    await store.audit.append(rolloutId, event.input, event.notify);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverRolloutNotifications({ store, clock, env }, rolloutId);
      clock.advanceTo(new Date(clock.now().getTime() + retryDelayMs(attempt)));
    }
    const [row] = await store.notifications.list(rolloutId);
    expect(row).toMatchObject({
      state: "failed",
      attempts: MAX_ATTEMPTS,
      lastError: "network error ECONNREFUSED",
    });
    const failed = (await store.audit.list(rolloutId)).filter((a) => a.action === "notification:failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.details).toMatchObject({
      kind: "pause",
      attempts: MAX_ATTEMPTS,
      host: `127.0.0.1:${port}`,
    });
    expect(JSON.stringify(await store.audit.list(rolloutId))).not.toContain(SECRET);
    // Given up is final: later sweeps leave it alone.
    expect(await deliverRolloutNotifications({ store, clock, env }, rolloutId)).toEqual({
      sent: 0,
      failed: 0,
      retrying: 0,
    });
  });

  it("writes the outbox row once per event, and the fast path sends it once, however often the activity repeats", async () => {
    const { store, clock, rolloutId } = await rolloutWithEvent();
    const previous = process.env.NOTIFY_WEBHOOK_URL;
    process.env.NOTIFY_WEBHOOK_URL = receiver.url;
    try {
      const event = pause(clock.now().toISOString());
      const first = await appendWithNotification({ store, clock }, rolloutId, event.input, event.notify);
      const again = await appendWithNotification({ store, clock }, rolloutId, event.input, event.notify);
      await settleNotificationAttempts();
      expect([first.created, again.created]).toEqual([true, false]);
      expect(await store.notifications.list(rolloutId)).toHaveLength(1);
      expect(receiver.received).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.NOTIFY_WEBHOOK_URL;
      else process.env.NOTIFY_WEBHOOK_URL = previous;
    }
  });

  it("stores the summary without credentials or control characters, as the audit does", async () => {
    const { store, clock, rolloutId } = await rolloutWithEvent();
    const event = pause(clock.now().toISOString());
    const summary = "resumed by a script with Authorization: Bearer abc.def.ghi \u001b[31mred";
    await store.audit.append(rolloutId, event.input, { kind: "resume", summary });
    const [row] = await store.notifications.list(rolloutId);
    expect(row?.event.summary).toContain("Bearer [REDACTED]");
    expect(row?.event.summary).not.toContain("abc.def.ghi");
    expect(row?.event.summary).not.toContain("\u001b");
  });

  it("keeps nothing pending when no webhook is configured", async () => {
    const { store, clock, rolloutId } = await rolloutWithEvent();
    const event = pause(clock.now().toISOString());
    await store.audit.append(rolloutId, event.input, event.notify);
    await deliverRolloutNotifications({ store, clock, env: {} }, rolloutId);
    expect((await store.notifications.list(rolloutId)).map((r) => r.state)).toEqual(["unconfigured"]);
    // The audit log itself is unchanged by the outbox beside it.
    expect((await store.audit.list(rolloutId)).map((a) => a.action)).toEqual(["status:paused"]);
  });
});
