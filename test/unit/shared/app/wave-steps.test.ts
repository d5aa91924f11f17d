import { completeRollout } from "../../../../shared/app/complete-rollout";
import { completeWave } from "../../../../shared/app/complete-wave";
import { enforceWave } from "../../../../shared/app/enforce-wave";
import { releaseHeldBack } from "../../../../shared/app/release-held-back";
import { setRolloutStatus } from "../../../../shared/app/set-rollout-status";
import { startWave } from "../../../../shared/app/start-wave";
import { stepBackWave } from "../../../../shared/app/step-back-wave";
import { samplePlanInput } from "../../../fixtures/sample-plan";
import { fakePorts, seedRollout, seedUsers, seedWave, userIds, type FakePorts } from "./fake-ports";

const AT = "2026-03-02T09:00:00.000Z";
const ADMIN = "admin@contoso.example";

function rolloutWith(ports: FakePorts, rolloutId: string) {
  const record = seedRollout(ports, { ...samplePlanInput(), rolloutId });
  seedWave(ports, rolloutId, 0);
  seedWave(ports, rolloutId, 1);
  return record;
}

const step = (rolloutId: string, waveIndex = 0) => ({ rolloutId, waveIndex, at: AT, actor: ADMIN });
const audited = (ports: FakePorts, action: string) => ports.tables.audit.filter((e) => e.action === action);

describe("startWave", () => {
  it("opens the observation as far back as report-only allows and records who started it", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "start-1");
    seedUsers(
      ports,
      "start-1",
      userIds(3).map((userId) => ({ userId, waveIndex: 0, stage: "reportOnly" })),
    );
    const result = await startWave(ports, {
      ...step("start-1"),
      reportOnlySince: "2026-03-01T09:00:00.000Z",
    });
    // P3D of observation from a report-only policy one day old: the window ends two days from now.
    expect(result).toMatchObject({
      waveName: "pilot",
      users: 3,
      observeFrom: "2026-03-01T09:00:00.000Z",
      observeUntil: "2026-03-04T09:00:00.000Z",
      bakeFor: "P5D",
      requireApproval: false,
    });
    expect(await ports.store.waves.get("start-1", 0)).toMatchObject({ phase: "observe" });
    expect((await ports.store.rollouts.get("start-1")).currentWave).toBe(0);
    expect(audited(ports, "wave:start")).toHaveLength(1);
  });

  it("refuses a wave the plan does not have", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "start-2");
    await expect(startWave(ports, { ...step("start-2", 7), reportOnlySince: AT })).rejects.toThrow(
      /no wave 7/,
    );
  });
});

describe("enforceWave", () => {
  it("adds the ready users to the enforced group, holds back the ones the directory lost, and counts both", async () => {
    const ports = fakePorts();
    const record = rolloutWith(ports, "enforce-1");
    const [a, b, gone] = userIds(3);
    seedUsers(ports, "enforce-1", [
      { userId: a as string, waveIndex: 0, stage: "reportOnly" },
      { userId: b as string, waveIndex: 0, stage: "reportOnly" },
      { userId: gone as string, waveIndex: 0, stage: "reportOnly" },
    ]);
    ports.tenant.users.delete(gone as string);
    const result = await enforceWave(ports, step("enforce-1"));
    expect(result.enforced).toBe(2);
    expect([...(ports.tenant.groups.get(record.enforcedGroupId as string) ?? [])].sort()).toEqual(
      [a, b].sort(),
    );
    expect(await ports.store.users.get("enforce-1", gone as string)).toMatchObject({
      stage: "heldBack",
      reason: "user no longer exists in the directory",
    });
    expect(await ports.store.waves.get("enforce-1", 0)).toMatchObject({
      phase: "bake",
      enforced: 2,
      heldBack: 1,
    });
    expect((await ports.store.rollouts.get("enforce-1")).counts).toMatchObject({ enforced: 2, heldBack: 1 });
    expect(audited(ports, "wave:enforce")[0]?.details).toMatchObject({ enforced: 2, notFound: [gone] });
  });

  it("refuses before setup made the enforced group", async () => {
    const ports = fakePorts();
    seedRollout(ports, { ...samplePlanInput(), rolloutId: "enforce-2" }, { enforcedGroupId: undefined });
    await expect(enforceWave(ports, step("enforce-2"))).rejects.toThrow(/setup has not completed/);
  });
});

describe("stepBackWave", () => {
  it("takes only this wave's enforced users out of the group and holds them back", async () => {
    const ports = fakePorts();
    const record = rolloutWith(ports, "step-1");
    const [mine, earlier] = userIds(2);
    seedUsers(ports, "step-1", [
      { userId: mine as string, waveIndex: 1, stage: "enforced" },
      { userId: earlier as string, waveIndex: 0, stage: "enforced" },
    ]);
    ports.tenant.groups.set(record.enforcedGroupId as string, new Set([mine as string, earlier as string]));
    expect(await stepBackWave(ports, step("step-1", 1))).toEqual({ steppedBack: 1 });
    expect([...(ports.tenant.groups.get(record.enforcedGroupId as string) ?? [])]).toEqual([earlier]);
    expect(await ports.store.users.get("step-1", mine as string)).toMatchObject({
      stage: "heldBack",
      reason: "wave stepped back",
    });
    expect(await ports.store.waves.get("step-1", 1)).toMatchObject({ enforced: 0, heldBack: 1 });
    expect(audited(ports, "wave:step-back")).toHaveLength(1);
  });
});

describe("releaseHeldBack", () => {
  it("removes the wave's held-back users from the enforced group, and does nothing when there are none", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "release-1");
    expect(await releaseHeldBack(ports, step("release-1"))).toEqual({ removed: 0 });
    expect(ports.tenant.calls).toEqual([]);
    const [held] = userIds(1);
    seedUsers(ports, "release-1", [
      { userId: held as string, waveIndex: 0, stage: "heldBack", reason: "legacy client" },
    ]);
    expect(await releaseHeldBack(ports, step("release-1"))).toEqual({ removed: 1 });
    expect(ports.tenant.calls).toEqual([expect.stringMatching(/^remove .* .*$/)]);
    expect(audited(ports, "wave:release-held-back")[0]?.details).toEqual({ users: [held] });
  });
});

describe("completeWave", () => {
  it("writes the outcome and the final counts", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "complete-1");
    seedUsers(
      ports,
      "complete-1",
      userIds(2).map((userId) => ({ userId, waveIndex: 0, stage: "enforced" })),
    );
    const result = await completeWave(ports, {
      ...step("complete-1"),
      outcome: "completed",
      reason: "bake over",
    });
    expect(result).toEqual({ outcome: "completed", enforced: 2, heldBack: 0 });
    expect(await ports.store.waves.get("complete-1", 0)).toMatchObject({
      phase: "completed",
      bakeEndsAt: AT,
    });
    expect(audited(ports, "wave:completed")[0]?.details).toMatchObject({ reason: "bake over" });
  });
});

describe("completeRollout", () => {
  it("closes the rollout with its counts; an abort says that nothing was rolled back", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "done-1");
    seedUsers(ports, "done-1", [{ userId: userIds(1)[0] as string, waveIndex: 0, stage: "enforced" }]);
    await completeRollout(ports, { rolloutId: "done-1", at: AT, outcome: "aborted" });
    expect(await ports.store.rollouts.get("done-1")).toMatchObject({
      status: "aborted",
      statusReason: "aborted by an admin",
      activeWaveInstanceId: "",
      counts: expect.objectContaining({ enforced: 1 }),
    });
    expect(audited(ports, "rollout:aborted")[0]?.details).toEqual({
      counts: expect.objectContaining({ enforced: 1 }),
    });
  });
});

describe("setRolloutStatus", () => {
  it("stores the cleaned reason once per idempotency key", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "status-1");
    const input = {
      rolloutId: "status-1",
      status: "paused" as const,
      reason: "paused by\u001b[31m an admin",
      actor: ADMIN,
      at: AT,
      idempotencyKey: "pause-1",
      activeWaveInstanceId: null,
    };
    await setRolloutStatus(ports, input);
    await setRolloutStatus(ports, input);
    const record = await ports.store.rollouts.get("status-1");
    expect(record).toMatchObject({ status: "paused", activeWaveInstanceId: "" });
    expect(record.statusReason).not.toContain("\u001b");
    expect(audited(ports, "status:paused")).toHaveLength(1);
  });
});
