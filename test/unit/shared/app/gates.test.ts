import { evaluateHealth } from "../../../../shared/app/evaluate-health";
import { evaluateReadiness } from "../../../../shared/app/evaluate-readiness";
import { evaluateWatch } from "../../../../shared/app/evaluate-watch";
import { recordDecision, type DecisionRecord } from "../../../../shared/app/record-decision";
import {
  checkHealth,
  checkReadiness,
  createCounters,
  waveGates,
  validatePlan,
} from "../../../../shared/domain";
import { samplePlanInput } from "../../../fixtures/sample-plan";
import { fakePorts, seedRollout, seedUsers, seedWave, userIds, type FakePorts } from "./fake-ports";

const AT = "2026-03-02T09:00:00.000Z";

function plan(rolloutId: string) {
  const validation = validatePlan({ ...samplePlanInput(), rolloutId });
  if (!validation.ok) throw new Error("sample plan invalid");
  return validation.plan;
}

function rolloutWith(ports: FakePorts, rolloutId: string, users: string[], stage: "reportOnly" | "enforced") {
  seedRollout(ports, { ...samplePlanInput(), rolloutId });
  seedWave(ports, rolloutId, 0);
  seedWave(ports, rolloutId, 1);
  seedUsers(
    ports,
    rolloutId,
    users.map((userId) => ({ userId, waveIndex: 0, stage })),
  );
}

function shrinkRecord(rolloutId: string, gate: DecisionRecord["gate"], held: string[]): DecisionRecord {
  return {
    rolloutId,
    waveIndex: 0,
    gate,
    at: AT,
    verdict: "Fail",
    reasons: ["two users on a legacy client"],
    metrics: { failures: 2 },
    outcome: {
      decision: "shrink",
      reason: "would be locked out by enforcement",
      holdBack: held.map((userId) => ({ userId, reason: "legacy authentication client" })),
    },
    gates: waveGates(plan(rolloutId), 0),
  };
}

describe("recordDecision", () => {
  it("holds back a readiness shrink's users with a retry date and their UPN, and reports the wave", async () => {
    const ports = fakePorts();
    const users = userIds(4);
    rolloutWith(ports, "decide-1", users, "reportOnly");
    const held = users.slice(0, 2);
    const result = await recordDecision(ports, shrinkRecord("decide-1", "readiness", held));
    expect(result).toEqual({
      verdict: "Fail",
      decision: "shrink",
      reason: "would be locked out by enforcement",
      heldBack: 2,
      remaining: 2,
    });
    const user = await ports.store.users.get("decide-1", held[0] as string);
    // The sample plan's shrink.retryAfter is P7D.
    expect(user).toMatchObject({
      stage: "heldBack",
      upn: `${held[0]}@contoso.example`,
      retryAt: "2026-03-09T09:00:00.000Z",
      retries: 0,
    });
    expect(await ports.store.waves.get("decide-1", 0)).toMatchObject({
      phase: "readinessGate",
      heldBack: 2,
      lastDecision: { decision: "shrink", at: AT },
    });
    expect(ports.tables.gates).toHaveLength(1);
    expect(ports.tables.audit.map((e) => e.action)).toEqual(["decision:shrink"]);
  });

  it("holds back a health shrink's users without a retry date: only an admin retries them", async () => {
    const ports = fakePorts();
    const users = userIds(4);
    rolloutWith(ports, "decide-2", users, "enforced");
    await recordDecision(ports, { ...shrinkRecord("decide-2", "health", users.slice(0, 1)), extensions: 2 });
    const user = await ports.store.users.get("decide-2", users[0] as string);
    expect(user.stage).toBe("heldBack");
    expect(user.retryAt).toBeUndefined();
    expect(await ports.store.waves.get("decide-2", 0)).toMatchObject({ phase: "bake", extensions: 2 });
  });

  it("replays the decision a re-run already made, whatever the fresh evidence says", async () => {
    const ports = fakePorts();
    const users = userIds(4);
    rolloutWith(ports, "decide-3", users, "enforced");
    await recordDecision(ports, shrinkRecord("decide-3", "health", users.slice(0, 1)));
    const again = await recordDecision(ports, {
      ...shrinkRecord("decide-3", "health", []),
      verdict: "Pass",
      outcome: { decision: "proceed", reason: "healthy", holdBack: [] },
    });
    expect(again).toMatchObject({ verdict: "Fail", decision: "shrink", heldBack: 1 });
    expect(ports.tables.gates).toHaveLength(1);
    expect(ports.tables.audit.filter((e) => e.action === "decision:shrink")).toHaveLength(1);
  });

  it("leaves a watch decision's wave phase as it was", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "decide-4", userIds(2), "enforced");
    await ports.store.waves.update("decide-4", 0, () => ({ phase: "completed" }));
    await recordDecision(ports, {
      ...shrinkRecord("decide-4", "watch", []),
      outcome: { decision: "proceed", reason: "spread failure reported", holdBack: [] },
    });
    expect(await ports.store.waves.get("decide-4", 0)).toMatchObject({
      phase: "completed",
      lastDecision: { decision: "proceed", reason: "spread failure reported" },
    });
  });
});

describe("evaluateReadiness", () => {
  it("records what the domain's checkReadiness decides over the wave's observed window and registration", async () => {
    const ports = fakePorts();
    const users = userIds(5);
    rolloutWith(ports, "ready-1", users, "reportOnly");
    const registered = {
      isMfaRegistered: true,
      isMfaCapable: true,
      methodsRegistered: ["microsoftAuthenticatorPush"],
    };
    for (const userId of users.slice(1)) ports.tenant.registration.set(userId, registered);
    const result = await evaluateReadiness(ports, {
      rolloutId: "ready-1",
      waveIndex: 0,
      at: AT,
      extensions: 0,
    });

    const expected = checkReadiness({
      userIds: users,
      registration: Object.fromEntries(users.slice(1).map((id) => [id, registered])),
      observed: createCounters("p0000000-0000-4000-8000-000000000001"),
      gates: waveGates(plan("ready-1"), 0),
      state: { extensions: 0, waveSize: 5, heldBack: 0 },
    });
    expect(result).toMatchObject({
      verdict: expected.readiness.verdict,
      decision: expected.decision.decision,
      reason: expected.decision.reason,
    });
    const [row] = ports.tables.gates;
    expect(row).toMatchObject({ gate: "readiness", verdict: expected.readiness.verdict });
    // No stretch of the log has settled: the row says so rather than claiming evidence.
    expect(row?.reasons).toContain(
      "no stretch of the sign-in log is complete yet (rows are given the plan's evidence.settle to arrive)",
    );
    expect(row?.metrics.evidenceUntil).toBeNull();
  });
});

describe("evaluateHealth", () => {
  it("decides on the bake and, for a later wave, looks at the earlier waves' watch in the same step", async () => {
    const ports = fakePorts();
    const users = userIds(3);
    rolloutWith(ports, "health-1", users, "enforced");
    seedUsers(
      ports,
      "health-1",
      userIds(3, "w").map((userId) => ({ userId, waveIndex: 1, stage: "enforced" })),
    );
    await ports.store.waves.update("health-1", 0, () => ({ watchUntil: "2026-03-20T00:00:00.000Z" }));
    const result = await evaluateHealth(ports, {
      rolloutId: "health-1",
      waveIndex: 1,
      at: AT,
      extensions: 0,
      segment: 0,
    });
    const empty = () => createCounters(null);
    const expected = checkHealth({
      waveUserIds: userIds(3, "w"),
      heldBackUserIds: [],
      current: empty(),
      baseline: empty(),
      control: { current: empty(), baseline: empty() },
      gates: waveGates(plan("health-1"), 1),
      state: { bakeComplete: false, extensions: 0, waveSize: 3, heldBack: 0 },
    });
    // No attempts at all yet: not enough evidence to fail, so the bake goes on.
    expect(result).toMatchObject({ verdict: "Pending", decision: "proceed" });
    expect(result).toMatchObject({ verdict: expected.health.verdict, decision: expected.decision.decision });
    expect(ports.tables.gates.map((g) => `${g.waveIndex}:${g.gate}`)).toEqual(["1:health"]);
    expect(await ports.store.waves.get("health-1", 1)).toMatchObject({ phase: "bake", extensions: 0 });
  });
});

describe("evaluateWatch", () => {
  it("sums the watched waves and writes nothing while the watch finds nothing", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "watch-1", userIds(3), "enforced");
    seedUsers(ports, "watch-1", [{ userId: userIds(1, "h")[0] as string, waveIndex: 0, stage: "heldBack" }]);
    await ports.store.waves.update("watch-1", 0, () => ({ watchUntil: "2026-03-20T00:00:00.000Z" }));
    const result = await evaluateWatch(ports, {
      rolloutId: "watch-1",
      at: AT,
      throughWave: 1,
      actor: "system:watch",
    });
    expect(result).toMatchObject({
      heldBackWaves: [],
      until: "2026-03-20T00:00:00.000Z",
      watched: 3,
      heldBack: 1,
    });
    expect(ports.tables.gates).toEqual([]);
    expect(ports.tables.audit).toEqual([]);
  });

  it("no longer looks at a wave whose watch ended more than one period ago, but still counts its held-back users", async () => {
    const ports = fakePorts();
    rolloutWith(ports, "watch-2", userIds(2), "enforced");
    seedUsers(ports, "watch-2", [{ userId: userIds(1, "h")[0] as string, waveIndex: 0, stage: "heldBack" }]);
    await ports.store.waves.update("watch-2", 0, () => ({ watchUntil: "2026-02-01T00:00:00.000Z" }));
    const result = await evaluateWatch(ports, {
      rolloutId: "watch-2",
      at: AT,
      throughWave: 1,
      actor: "system:watch",
    });
    expect(result).toMatchObject({ heldBackWaves: [], until: null, watched: 0, heldBack: 1 });
  });
});
