import { randomUUID } from "node:crypto";
import type { RolloutStatus } from "../../../shared/store";
import type { EngineRun } from "../engine/engine-fixture";

jest.setTimeout(240_000);

const HOUR = 3_600_000;
const ESC = "\u001b";
const SECRET = "Zm9vYmFyYmF6cXV4MTIz";
const rolloutId = "forged-events";

/**
 * Replays finding 1 of the live review (issue 19) against the real app on the local host: the
 * start answer handed out the Durable extension's management URLs, and an `approve` raised
 * through them with a made-up actor enforced a wave. Also the pause reason of finding 4, which
 * reached statusReason and the durable history unredacted and with its escape sequences.
 */
describe("control events that do not come through the app", () => {
  let run: EngineRun;
  let waveInstance: string;

  const statusOf = async (): Promise<RolloutStatus> => (await run.stack.store.rollouts.get(rolloutId)).status;
  const audit = async () => run.stack.store.audit.list(rolloutId, { limit: 5000 });

  beforeAll(async () => {
    jest.resetModules();
    const fixture = await import("../engine/engine-fixture");
    run = await fixture.startEngine("clean");
    const plan = fixture.seedPlan({ rolloutId });
    plan.waves = (plan.waves as Record<string, unknown>[]).map((wave, index) =>
      index === 0 ? { ...wave, requireApproval: true } : wave,
    );
    const started = await run.api("POST", "/api/rollouts", plan);
    expect(started.status).toBe(202);
    startBody = started.body;
    await run.stack.host.advanceUntil(async () => (await statusOf()) === "waitingForApproval", "2026-01-20");
    expect(await statusOf()).toBe("waitingForApproval");
    waveInstance = (await run.stack.store.rollouts.get(rolloutId)).activeWaveInstanceId ?? "";
    expect(waveInstance).not.toBe("");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  let startBody = "";

  it("answers a start with the app's own links and no Durable management URL or key", () => {
    expect(startBody).not.toContain("runtime/webhooks");
    expect(startBody).not.toMatch(/[?&]code=/);
    expect(startBody).not.toMatch(/PostUri|DeleteUri|GetUri/);
    expect(JSON.parse(startBody)).toMatchObject({
      rolloutId,
      links: { status: `/api/rollouts/${rolloutId}`, view: `/api/rollouts/${rolloutId}/view` },
    });
  });

  it("ignores an approve raised straight at the extension with a forged actor, and audits it as refused", async () => {
    const before = await run.stack.store.waves.get(rolloutId, 0);
    expect(before.enforced).toBe(0);
    expect(
      await run.stack.host.client.raiseEvent(waveInstance, "approve", { actor: "ceo@contoso.com" }),
    ).toBe(202);
    expect(
      await run.stack.host.client.raiseEvent(waveInstance, "approve", {
        requestId: randomUUID(),
        actor: "ceo@contoso.com",
      }),
    ).toBe(202);
    await run.stack.host.advanceBy(HOUR);

    expect(await statusOf()).toBe("waitingForApproval");
    expect((await run.stack.store.waves.get(rolloutId, 0)).enforced).toBe(0);
    const rows = await audit();
    const refused = rows.filter((r) => r.action === "control:refused");
    // Both refusals carry the same virtual time, so the log holds them in either order.
    expect(refused.map((r) => (r.details as { why: string }).why).sort()).toEqual([
      "no request row of this rollout has that id",
      "the event names no request",
    ]);
    expect(
      refused.every((r) => (r.details as { claimedActor?: string }).claimedActor === "ceo@contoso.com"),
    ).toBe(true);
    expect(rows.filter((r) => r.actor === "ceo@contoso.com")).toEqual([]);
    expect(rows.map((r) => r.action)).not.toContain("request:approve");
  });

  it("stores and replays an admin's pause reason without escape sequences or secrets", async () => {
    const reason = `${ESC}[2J${ESC}[31mhelpdesk busy${ESC}[0m\nFAKE LINE Bearer ${SECRET}`;
    expect((await run.api("POST", `/api/rollouts/${rolloutId}/pause`, { reason })).status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    const record = await run.stack.store.rollouts.get(rolloutId);
    expect(record.status).toBe("paused");
    expect(record.statusReason).toBe("helpdesk busy FAKE LINE Bearer [REDACTED]");
    const history = JSON.stringify(
      await run.stack.host.client.getStatus(waveInstance, { showHistory: true }),
    );
    expect(history).toContain("helpdesk busy");
    expect(history).not.toContain(SECRET);
    expect(history).not.toContain("\\u001b");
    const stored = JSON.stringify(await audit());
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain("\\u001b");
  });

  it("acts on the app's own approve, naming the signed-in admin", async () => {
    expect((await run.api("POST", `/api/rollouts/${rolloutId}/resume`, {})).status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf()).toBe("waitingForApproval");
    const approved = await run.api("POST", `/api/rollouts/${rolloutId}/approve`, { reason: "CAB" });
    expect(approved.status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf()).not.toBe("waitingForApproval");
    const rows = await audit();
    const { requestId } = approved.json<{ requestId: string }>();
    expect(
      rows.find(
        (r) =>
          r.action === "control:accepted" &&
          r.details &&
          (r.details as { requestId?: string }).requestId === requestId,
      ),
    ).toBeDefined();
    expect(
      rows.find((r) => r.action === "status:running" && r.actor === "rehearsal-admin@contoso.test"),
    ).toBeDefined();
  });
});
