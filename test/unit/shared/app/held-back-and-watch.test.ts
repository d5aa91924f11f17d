import { openWatch } from "../../../../shared/app/open-watch";
import { MAX_AUTOMATIC_RETRIES, retryHeldBack } from "../../../../shared/app/retry-held-back";
import { watchWindowKey } from "../../../../shared/app/watch-windows";
import { createCounters } from "../../../../shared/domain";
import { readWindow, saveWindow, windowKey } from "../../../../shared/store/counter-windows";
import { samplePlanInput } from "../../../fixtures/sample-plan";
import { fakePorts, seedRollout, seedUsers, seedWave, userIds, type FakePorts } from "./fake-ports";

const AT = "2026-03-02T09:00:00.000Z";
const REGISTERED = {
  isMfaRegistered: true,
  isMfaCapable: true,
  methodsRegistered: ["microsoftAuthenticatorPush"],
};

function rollout(ports: FakePorts, rolloutId: string) {
  const record = seedRollout(ports, { ...samplePlanInput(), rolloutId });
  seedWave(ports, rolloutId, 0);
  return record;
}

const retry = (ports: FakePorts, rolloutId: string, at: string, actor: string) =>
  retryHeldBack(ports, { rolloutId, waveIndex: 0, at, actor });

describe("retryHeldBack", () => {
  it("the engine retries only users whose date has come; the ready ones are enforced, the rest wait again", async () => {
    const ports = fakePorts();
    const record = rollout(ports, "retry-1");
    const [ready, notReady, notDue] = userIds(3);
    seedUsers(ports, "retry-1", [
      {
        userId: ready as string,
        waveIndex: 0,
        stage: "heldBack",
        reason: "no MFA method",
        retryAt: "2026-03-01T00:00:00.000Z",
      },
      {
        userId: notReady as string,
        waveIndex: 0,
        stage: "heldBack",
        reason: "no MFA method",
        retryAt: "2026-03-01T00:00:00.000Z",
      },
      {
        userId: notDue as string,
        waveIndex: 0,
        stage: "heldBack",
        reason: "no MFA method",
        retryAt: "2026-04-01T00:00:00.000Z",
      },
    ]);
    ports.tenant.registration.set(ready as string, REGISTERED);
    const result = await retry(ports, "retry-1", AT, "system:retry");
    expect(result).toEqual({
      enforced: 1,
      stillHeldBack: 2,
      // The earliest date among those still held back: the one retried again just now.
      nextRetryAt: "2026-03-09T09:00:00.000Z",
      awaitingAdmin: 0,
    });
    expect([...(ports.tenant.groups.get(record.enforcedGroupId as string) ?? [])]).toEqual([ready]);
    expect(await ports.store.users.get("retry-1", ready as string)).toMatchObject({ stage: "enforced" });
    const again = await ports.store.users.get("retry-1", notReady as string);
    // Retried once, next try after the plan's retryAfter (P7D).
    expect(again).toMatchObject({ stage: "heldBack", retries: 1, retryAt: "2026-03-09T09:00:00.000Z" });
    expect(ports.tables.audit.map((e) => e.action)).toEqual(["held-back:retry"]);
  });

  it("after the last automatic retry a user waits for an admin, and an admin's retry takes everyone", async () => {
    const ports = fakePorts();
    rollout(ports, "retry-2");
    const [tired, waiting] = userIds(2);
    seedUsers(ports, "retry-2", [
      {
        userId: tired as string,
        waveIndex: 0,
        stage: "heldBack",
        reason: "no MFA method",
        retryAt: "2026-03-01T00:00:00.000Z",
      },
      { userId: waiting as string, waveIndex: 0, stage: "heldBack", reason: "legacy client" },
    ]);
    ports.tables.users.set(`retry-2|${tired}`, {
      ...(await ports.store.users.get("retry-2", tired as string)),
      retries: MAX_AUTOMATIC_RETRIES - 1,
    });
    const engine = await retry(ports, "retry-2", AT, "system:retry");
    expect(engine).toMatchObject({ enforced: 0, stillHeldBack: 2, nextRetryAt: null, awaitingAdmin: 2 });
    expect((await ports.store.users.get("retry-2", tired as string)).retryAt).toBeUndefined();

    ports.tenant.registration.set(tired as string, REGISTERED);
    ports.tenant.registration.set(waiting as string, REGISTERED);
    const admin = await retry(ports, "retry-2", "2026-03-03T09:00:00.000Z", "admin@contoso.example");
    expect(admin).toMatchObject({ enforced: 2, stillHeldBack: 0 });
  });

  it("with nobody due, reads nothing and writes nothing", async () => {
    const ports = fakePorts();
    rollout(ports, "retry-3");
    const result = await retry(ports, "retry-3", AT, "system:retry");
    expect(result).toEqual({ enforced: 0, stillHeldBack: 0, nextRetryAt: null, awaitingAdmin: 0 });
    expect(ports.tenant.calls).toEqual([]);
    expect(ports.tables.audit).toEqual([]);
  });
});

describe("openWatch", () => {
  it("starts the watch window from the bake's counters and keeps one a later read already added to", async () => {
    const ports = fakePorts();
    const record = rollout(ports, "open-1");
    const bake = createCounters(record.enforcedPolicyId as string);
    const coverage = { from: Date.parse("2026-02-25T00:00:00Z"), until: Date.parse("2026-03-02T08:00:00Z") };
    await saveWindow(ports.store, "open-1", windowKey(0, "bake", "wave", 0), {
      counters: bake,
      coverage,
      slim: false,
    });

    const result = await openWatch(ports, {
      rolloutId: "open-1",
      waveIndex: 0,
      segment: 0,
      at: AT,
      actor: "system:engine",
    });
    // The sample plan sets no watch: the default watch period applies.
    expect(Date.parse(result.watchUntil)).toBeGreaterThan(Date.parse(AT));
    expect(result.untested).toEqual([]);
    expect((await readWindow(ports.store, "open-1", watchWindowKey(0), null)).coverage).toEqual(coverage);
    expect(await ports.store.waves.get("open-1", 0)).toMatchObject({ watchUntil: result.watchUntil });

    const later = { ...coverage, until: Date.parse("2026-03-02T12:00:00Z") };
    await saveWindow(ports.store, "open-1", watchWindowKey(0), {
      counters: createCounters(null),
      coverage: later,
      slim: false,
    });
    await openWatch(ports, { rolloutId: "open-1", waveIndex: 0, segment: 0, at: AT, actor: "system:engine" });
    expect((await readWindow(ports.store, "open-1", watchWindowKey(0), null)).coverage).toEqual(later);
    expect(ports.tables.audit.filter((e) => e.action === "watch:start")).toHaveLength(1);
  });
});
