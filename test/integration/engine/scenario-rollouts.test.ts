import { notificationLines } from "../../../local/rehearsal/notification-lines";
import { startWebhookReceiver, type WebhookReceiver } from "../../../local/webhook-receiver";
import { settleNotificationAttempts } from "../../../shared/app/notify-event";
import { NOTIFY_ENV } from "../../../shared/config";
import { timeFormat, UTC } from "../../../shared/report/zoned-time";
import {
  groupMembers,
  INVOICING_APP_BROKEN_USERS,
  rehearseToEnd,
  seedPlan,
  type EngineRun,
} from "./engine-fixture";

jest.setTimeout(240_000);

const plan = seedPlan();
const rolloutId = String(plan.rolloutId);

// As the rehearsal does, every notification goes to a receiver on 127.0.0.1.
let receiver: WebhookReceiver;

/** The rollout to its end, and what the rehearsal would print of the notifications it sent meanwhile. */
async function rehearse(scenario: string): Promise<EngineRun & { notifications: string[] }> {
  const before = receiver.received.length;
  const run = await rehearseToEnd(scenario, plan);
  await settleNotificationAttempts();
  return { ...run, notifications: notificationLines(receiver.received.slice(before), timeFormat(UTC)) };
}

/** "  2026-01-12 20:00 +00:00  shrink     Wave shrunk: …" → ["shrink", "Wave shrunk: …"]. */
function kindAndText(line: string): [string, string] {
  const match = /^ {2}\S+ \S+ \S+ {2}(\S+) +(.*)$/.exec(line);
  if (!match) throw new Error(`not a notification line: ${line}`);
  return [match[1] as string, match[2] as string];
}

describe("rollouts on the simulator's scenarios", () => {
  const runs: EngineRun[] = [];
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    process.env[NOTIFY_ENV.webhookUrl] = receiver.url;
    process.env[NOTIFY_ENV.webhookFormat] = "teams";
  });
  afterAll(async () => {
    for (const run of runs) await run.stack.stop();
    await receiver.stop();
    delete process.env[NOTIFY_ENV.webhookUrl];
    delete process.env[NOTIFY_ENV.webhookFormat];
  });

  it("invoicing-app: holds back exactly the 4 users whose iOS invoicing app fails, two in the core wave and two in the extended, enforces the other 81, never pauses, and says so", async () => {
    const run = await rehearse("invoicing-app");
    runs.push(run);
    const { store, sim } = run.stack;
    const heldBack = await store.users.list(rolloutId, { stage: "heldBack" });
    expect(heldBack.map((u) => u.upn).sort()).toEqual(INVOICING_APP_BROKEN_USERS);
    for (const user of heldBack) expect(user.reason).toMatch(/^Contoso Invoicing on iOS: /);
    const rollout = await store.rollouts.get(rolloutId);
    expect(rollout.counts.enforced).toBe(81);
    expect(groupMembers(run, rollout.enforcedGroupId as string).size).toBe(81);
    const gates = await store.gates.list(rolloutId, { limit: 10_000 });
    expect(gates.filter((g) => g.decision === "pause")).toEqual([]);
    expect(gates.filter((g) => g.decision === "shrink").map((g) => g.waveIndex)).toEqual([1, 2]);
    const waves = await store.waves.list(rolloutId);
    expect(waves.map((w) => w.enforced)).toEqual([15, 38, 28]);
    expect(sim.counters().userDeletes).toBe(0);
    // Ops are told of every shrink as it happens, and of the end: the core wave's two planners,
    // the only users of the app there, then the two broken iPhones among the extended wave's
    // many healthy iPhone users of it, each pair in one decision.
    const told = run.notifications.map(kindAndText);
    expect(told.map(([kind]) => kind)).toEqual(["approval", "shrink", "shrink", "completion"]);
    expect(told[1]?.[1]).toMatch(
      /^Wave shrunk: users held back: seed-phased — health gate, wave 2: holding back 2 users/,
    );
    expect(told[2]?.[1]).toMatch(
      /^Wave shrunk: users held back: seed-phased — health gate, wave 3: holding back 2 users/,
    );

    // Three weeks on, nothing has re-enforced them behind anyone's back: report-only data cannot
    // show the app is fixed, so they wait for an admin.
    await run.stack.host.advanceBy(21 * 86_400_000);
    expect((await store.rollouts.get(rolloutId)).counts).toMatchObject({ enforced: 81, heldBack: 4 });
    expect((await store.rollouts.get(rolloutId)).statusReason).toMatch(
      /4 held-back user\(s\) wait for an admin/,
    );
    // The admin, told the app is fixed, brings them back.
    expect(
      (await run.api("POST", `/api/rollouts/${rolloutId}/retry-held-back`, { reason: "app fixed" })).status,
    ).toBe(202);
    await run.stack.host.advanceBy(3_600_000);
    expect((await store.rollouts.get(rolloutId)).counts).toMatchObject({ enforced: 85, heldBack: 0 });
    expect(groupMembers(run, rollout.enforcedGroupId as string).size).toBe(85);
    expect(run.stack.host.instance(rolloutId)?.status).toBe("Completed");
  });

  it("unregistered: holds exactly the users without a method back at the readiness gate, naming registration", async () => {
    const run = await rehearse("unregistered");
    runs.push(run);
    const { store } = run.stack;
    // Report-only never prompts anyone, so nobody registers before an enforced prompt: held back
    // at readiness, these users stay held back until an admin (or a registration campaign) acts.
    const heldBack = await store.users.list(rolloutId, { stage: "heldBack" });
    expect(heldBack.map((u) => u.upn).sort()).toEqual([
      "brooke.zimmer@contoso.com",
      "dana.zimmer@contoso.com",
      "elif.nakamura@contoso.com",
      "imani.yilmaz@contoso.com",
      "luca.fischer@contoso.com",
      "maya.tanaka@contoso.com",
      "olga.petrov@contoso.com",
      "rosa.walsh@contoso.com",
      "viktor.haddad@contoso.com",
      "wen.haddad@contoso.com",
    ]);
    for (const user of heldBack) expect(user.reason).toMatch(/no MFA method registered/);
    const audit = await store.audit.list(rolloutId, { limit: 10_000 });
    const heldAtReadiness = audit
      .filter((a) => a.action === "decision:shrink")
      .flatMap((a) => (a.details as { heldBack: { userId: string }[] }).heldBack.map((h) => h.userId));
    expect(new Set(heldAtReadiness)).toEqual(new Set(heldBack.map((u) => u.userId)));
    const rollout = await store.rollouts.get(rolloutId);
    expect(rollout.counts).toMatchObject({ enforced: 75, heldBack: 10 });
  });

  it("mfa-outage: pauses, blames nobody, resumes by itself after the outage and completes", async () => {
    const run = await rehearse("mfa-outage");
    runs.push(run);
    const { store } = run.stack;
    const audit = await store.audit.list(rolloutId, { limit: 10_000 });
    const pauses = audit.filter((a) => a.action === "decision:pause");
    expect(pauses.length).toBeGreaterThan(0);
    for (const pause of pauses) expect((pause.details as { heldBack: unknown[] }).heldBack).toEqual([]);
    // The outage refuses everyone prompted: the wave's users on every app, and the few unenforced
    // users a SharePoint policy challenges. The pause must say it is the MFA service, name the
    // provider's error, and blame nobody.
    const systemic =
      /^systemic: MFA (service failing for enforced and unenforced users alike|refusing sign-ins across the wave's users and apps alike) \(error 500121\) — not the users' fault; nobody held back/;
    for (const pause of pauses) expect((pause.details as { reason: string }).reason).toMatch(systemic);
    const pausedGates = (await store.gates.list(rolloutId, { limit: 10_000 })).filter(
      (g) => g.decision === "pause",
    );
    expect(pausedGates.length).toBe(pauses.length);
    for (const gate of pausedGates) expect(gate.reasons[0]).toMatch(systemic);
    const statusPauses = audit.filter((a) => a.action === "status:paused");
    expect(statusPauses.length).toBeGreaterThan(0);
    for (const row of statusPauses)
      expect(JSON.stringify(row.details)).toMatch(/systemic: MFA (service failing|refusing sign-ins)/);
    expect(JSON.stringify(audit)).not.toContain("spread across the wave");
    expect(
      audit.some(
        (a) => a.action === "status:running" && /resumed automatically/.test(JSON.stringify(a.details)),
      ),
    ).toBe(true);
    expect(audit.filter((a) => a.action === "decision:shrink")).toEqual([]);
    const rollout = await store.rollouts.get(rolloutId);
    expect(rollout.status).toBe("completed");
    expect(rollout.counts).toMatchObject({ enforced: 85, heldBack: 0 });
    const kinds = run.notifications.map((line) => kindAndText(line)[0]);
    expect(kinds.filter((kind) => kind === "pause").length).toBe(statusPauses.length);
    expect(kinds).toContain("resume");
    expect(kinds.indexOf("resume")).toBeGreaterThan(kinds.indexOf("pause"));
    expect(kinds.at(-1)).toBe("completion");
  });
});
