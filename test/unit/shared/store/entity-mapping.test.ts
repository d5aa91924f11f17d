import { auditFromEntity, auditToEntity } from "../../../../shared/store/audit-entity";
import { counterFromEntity, counterToEntity } from "../../../../shared/store/counter-entity";
import { flattenMetrics, gateFromEntity, gateToEntity } from "../../../../shared/store/gate-entity";
import { rolloutFromEntity, rolloutToEntity } from "../../../../shared/store/rollout-entity";
import { userBucket } from "../../../../shared/store/keys";
import { userFromEntity, userQueryFilter, userToEntity } from "../../../../shared/store/user-entity";
import { waveFromEntity, waveToEntity } from "../../../../shared/store/wave-entity";
import type { GateRecord, RolloutRecord, WaveRecord } from "../../../../shared/store";

const rollout: RolloutRecord = {
  id: "mfa-q1",
  status: "waitingForApproval",
  statusReason: "wave 2 requires approval",
  plan: { waves: [{ name: "pilot" }], window: "Mon-Fri 08:00-16:00" },
  currentWave: 2,
  enforcedGroupId: "g1",
  excludedGroupId: "g2",
  reportOnlyPolicyId: "p1",
  enforcedPolicyId: "p2",
  reportOnlyPolicyFingerprint: "sha256:aa",
  enforcedPolicyFingerprint: "sha256:bb",
  createdBy: "admin@contoso.test",
  createdAt: "2026-03-01T00:00:00.000Z",
  updatedAt: "2026-03-02T00:00:00.000Z",
  counts: { pending: 5, reportOnly: 4, heldBack: 3, excluded: 2, enforced: 1 },
};

describe("rollout rows", () => {
  it("puts every rollout in one partition with the id as RowKey and counts as columns", () => {
    const entity = rolloutToEntity(rollout);
    expect(entity).toMatchObject({
      partitionKey: "rollout",
      rowKey: "mfa-q1",
      status: "waitingForApproval",
      countHeldBack: 3,
      countEnforced: 1,
      planParts: 1,
    });
    expect(JSON.parse(entity.plan0 as string)).toEqual(rollout.plan);
  });

  it("round-trips, carrying the etag of what was read", () => {
    const entity = { ...rolloutToEntity(rollout), etag: 'W/"1"' };
    expect(rolloutFromEntity(entity)).toEqual({ ...rollout, etag: 'W/"1"' });
  });

  it("omits optional ids that are not known yet", () => {
    const { enforcedGroupId: _omit, ...partial } = rollout;
    const entity = rolloutToEntity(partial as RolloutRecord);
    expect(entity).not.toHaveProperty("enforcedGroupId");
    expect(rolloutFromEntity(entity).enforcedGroupId).toBeUndefined();
  });

  it("refuses a row with a status the app does not know", () => {
    expect(() => rolloutFromEntity({ ...rolloutToEntity(rollout), status: "exploded" })).toThrow(/exploded/);
  });
});

describe("wave rows", () => {
  const wave: WaveRecord = {
    rolloutId: "r1",
    index: 4,
    name: "finance",
    phase: "bake",
    planned: 400,
    enforced: 380,
    heldBack: 15,
    excluded: 5,
    observeStartedAt: "2026-03-01T00:00:00.000Z",
    bakeEndsAt: "2026-03-05T00:00:00.000Z",
    extensions: 1,
    lastDecision: { decision: "extend", at: "2026-03-04T00:00:00.000Z", reason: "not enough sign-ins" },
    updatedAt: "2026-03-04T00:00:00.000Z",
  };

  it("keys waves by padded index and flattens the last decision into columns", () => {
    const entity = waveToEntity(wave);
    expect(entity).toMatchObject({
      partitionKey: "r1",
      rowKey: "004",
      lastDecision: "extend",
      lastDecisionReason: "not enough sign-ins",
    });
    expect(waveFromEntity(entity)).toEqual(wave);
  });
});

describe("user rows", () => {
  it("round-trips and normalises dates so range filters compare correctly", () => {
    const entity = userToEntity("r1", {
      userId: "u1",
      upn: "u1@contoso.test",
      waveIndex: 1,
      stage: "heldBack",
      reason: "no registered method",
      retryAt: "2026-03-09T10:00:00+02:00",
      updatedAt: "2026-03-02T00:00:00.000Z",
    });
    expect(entity).toMatchObject({ rowKey: "u1", retryAt: "2026-03-09T08:00:00.000Z" });
    expect(entity.partitionKey).toBe(`r1|${userBucket("u1")}`);
    expect(userFromEntity(entity)).toMatchObject({ stage: "heldBack", retryAt: "2026-03-09T08:00:00.000Z" });
  });

  it("rejects a user id that cannot be a RowKey", () => {
    expect(() =>
      userToEntity("r1", { userId: "a/b", upn: "x", waveIndex: 0, stage: "pending", updatedAt: "" }),
    ).toThrow(/user id 'a\/b'/);
  });

  it("builds escaped server-side filters", () => {
    expect(userQueryFilter("r'1")).toBe("PartitionKey ge 'r''1|000' and PartitionKey le 'r''1|3ff'");
    expect(userQueryFilter("r1", { stage: ["pending", "heldBack"], waveIndex: 3 })).toBe(
      "PartitionKey ge 'r1|000' and PartitionKey le 'r1|3ff' and (stage eq 'pending' or stage eq 'heldBack') and waveIndex eq 3",
    );
    expect(userQueryFilter("r1", { stage: "excluded", exclusionExpiresBy: "2026-03-02T00:00:00Z" })).toBe(
      "PartitionKey ge 'r1|000' and PartitionKey le 'r1|3ff' and (stage eq 'excluded') and exclusionExpiresAt le '2026-03-02T00:00:00.000Z'",
    );
    expect(() => userQueryFilter("r1", { stage: [] })).toThrow(/at least one stage/);
  });
});

describe("gate rows", () => {
  const gate: GateRecord = {
    rolloutId: "r1",
    waveIndex: 2,
    gate: "health",
    evaluatedAt: "2026-03-04T10:00:00.000Z",
    verdict: "Inconclusive",
    decision: "extend",
    reasons: ["wave sample 12 < 50", "control sample 8 < 50"],
    metrics: { wave: { samples: 12, rate: 0.1, bounds: [0.02, 0.3] }, "bad name": 1, note: null },
  };

  it("shows scalar metrics as columns and keeps the whole set as JSON", () => {
    const entity = gateToEntity(gate);
    expect(entity).toMatchObject({
      rowKey: "002-2026-03-04T10:00:00.000Z-health",
      metric_wave_samples: 12,
      metric_wave_rate: 0.1,
      reasons: "wave sample 12 < 50; control sample 8 < 50",
    });
    expect(entity).not.toHaveProperty("metric_note");
    expect(gateFromEntity(entity)).toEqual(gate);
  });

  it("leaves arrays, invalid names and deep nesting to the JSON column", () => {
    expect(flattenMetrics({ a: [1, 2], "x-y": 3, b: { c: { d: { e: 1 } } }, ok: true })).toEqual({
      metric_ok: true,
    });
  });

  it("caps the number of metric columns", () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`m${i}`, i]));
    expect(Object.keys(flattenMetrics(many))).toHaveLength(200);
  });
});

describe("audit and counter rows", () => {
  it("stores audit details as JSON and reads them back", () => {
    const entry = {
      rolloutId: "r1",
      rowKey: "2026-03-02T08:00:00.000Z-k",
      at: "2026-03-02T08:00:00.000Z",
      actor: "system:expire-exclusions",
      action: "reinclude",
      details: { userId: "u1" },
      waveIndex: 0,
      idempotencyKey: "k",
    };
    const entity = auditToEntity(entry);
    expect(entity.details).toBe('{"userId":"u1"}');
    expect(auditFromEntity(entity)).toEqual(entry);
  });

  it("keys counters by window and user", () => {
    const entity = counterToEntity("r1", {
      windowKey: "w2",
      userId: "u9",
      counters: { s: 3 },
      updatedAt: "t",
    });
    expect(entity).toMatchObject({ partitionKey: "r1", rowKey: "w2|u9", counters: '{"s":3}' });
    expect(counterFromEntity(entity)).toEqual({
      windowKey: "w2",
      userId: "u9",
      counters: { s: 3 },
      updatedAt: "t",
    });
  });
});
