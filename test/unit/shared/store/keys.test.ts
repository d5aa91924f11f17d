import { InvalidStoreInputError } from "../../../../shared/store";
import {
  assertIdempotencyKey,
  assertKeyPart,
  auditMarkerRowKey,
  auditRowKey,
  counterDocumentBodyPrefix,
  counterDocumentHeadKey,
  counterRowKey,
  counterUserRange,
  counterWindowRange,
  gateRowKey,
  isoTime,
  parseWaveRowKey,
  USER_BUCKETS,
  userBucket,
  userPartitionKey,
  userPartitionRange,
  userSidePartition,
  waveRowKey,
} from "../../../../shared/store/keys";

describe("wave row keys", () => {
  it("pads wave indexes so string order is numeric order", () => {
    expect(waveRowKey(3)).toBe("003");
    expect(waveRowKey(0)).toBe("000");
    expect(waveRowKey(999)).toBe("999");
    const keys = [10, 2, 100, 1].map(waveRowKey).sort();
    expect(keys.map(parseWaveRowKey)).toEqual([1, 2, 10, 100]);
  });

  it.each([-1, 1000, 1.5, Number.NaN])("rejects wave index %p", (index) => {
    expect(() => waveRowKey(index)).toThrow(InvalidStoreInputError);
  });

  it("parses the wave index at the start of a gate row key", () => {
    expect(parseWaveRowKey("012-2026-03-02T08:00:00.000Z-health")).toBe(12);
    expect(() => parseWaveRowKey("abc")).toThrow(/wave index/);
  });
});

describe("key validation", () => {
  it.each(["a/b", "a\\b", "a#b", "a?b", "a\tb", "", "x".repeat(513)])("rejects %p", (value) => {
    expect(() => assertKeyPart(value, "user id")).toThrow(InvalidStoreInputError);
  });

  it("accepts GUIDs, UPN-like ids and rollout names", () => {
    for (const value of ["6f1c2a0e-7d6b-4c4b-9b8e-0f4a1c2d3e4f", "mfa-2026-q1", "a@contoso.com"]) {
      expect(assertKeyPart(value, "id")).toBe(value);
    }
  });

  it("names the offending value in the message", () => {
    expect(() => assertKeyPart("r#1", "rollout id")).toThrow(/rollout id 'r#1'/);
  });
});

describe("time-ordered row keys", () => {
  it("normalises times to UTC with milliseconds", () => {
    expect(isoTime("2026-03-02T09:00:00+01:00")).toBe("2026-03-02T08:00:00.000Z");
    expect(() => isoTime("yesterday")).toThrow(InvalidStoreInputError);
  });

  it("builds gate keys that sort by wave, then time", () => {
    const keys = [
      gateRowKey(1, "2026-03-03T00:00:00Z", "health"),
      gateRowKey(0, "2026-03-05T00:00:00Z", "health"),
      gateRowKey(1, "2026-03-02T00:00:00Z", "readiness"),
    ].sort();
    expect(keys).toEqual([
      "000-2026-03-05T00:00:00.000Z-health",
      "001-2026-03-02T00:00:00.000Z-readiness",
      "001-2026-03-03T00:00:00.000Z-health",
    ]);
  });

  it("builds audit keys from the time and a suffix, and markers that sort after every entry", () => {
    expect(auditRowKey("2026-03-02T08:00:00Z", "k1")).toBe("2026-03-02T08:00:00.000Z-k1");
    const marker = auditMarkerRowKey("wave-2-enforce");
    expect([marker, auditRowKey("9999-12-31T23:59:59Z", "z")].sort()[1]).toBe(marker);
  });

  it("accepts idempotency keys of plain characters only", () => {
    expect(assertIdempotencyKey("orch:r1:wave-2:enforce")).toBe("orch:r1:wave-2:enforce");
    for (const bad of ["", "with space", "a/b", "k".repeat(201)]) {
      expect(() => assertIdempotencyKey(bad)).toThrow(InvalidStoreInputError);
    }
  });
});

describe("counter keys", () => {
  it("joins window and user with '|' and bounds one window's range exactly", () => {
    expect(counterRowKey("w3-observe", "u1")).toBe("w3-observe|u1");
    const { from, to } = counterWindowRange("w1");
    const inRange = (key: string) => key >= from && key < to;
    expect(inRange(counterRowKey("w1", "u1"))).toBe(true);
    expect(inRange(counterRowKey("w1", "zzz"))).toBe(true);
    expect(inRange(counterRowKey("w10", "u1"))).toBe(false);
    expect(inRange(counterRowKey("w1-extra", "u1"))).toBe(false);
  });

  it("refuses a window key containing the separator", () => {
    expect(() => counterRowKey("a|b", "u1")).toThrow(/must not contain/);
  });

  it("keeps a window's document rows inside its range but apart from its per-user rows", () => {
    const window = counterWindowRange("w1");
    const users = counterUserRange("w1");
    const head = counterDocumentHeadKey("w1");
    const body = `${counterDocumentBodyPrefix("w1", "mhx2a-1b2c3d4e")}00000`;
    for (const key of [head, body]) {
      expect(key >= window.from && key < window.to).toBe(true);
      expect(key >= users.from && key < users.to).toBe(false);
    }
    expect(counterRowKey("w1", "zzzz") < users.to).toBe(true);
    expect(() => counterRowKey("w1", "~head")).toThrow(/must not start with/);
  });
});

describe("user partitions", () => {
  it("puts a user in the same bucket whatever the id's case, and spreads users over every bucket", () => {
    const id = "6A1F0C2E-0000-4000-8000-000000000001";
    expect(userBucket(id)).toBe(userBucket(id.toLowerCase()));
    const seen = new Map<string, number>();
    const ids = USER_BUCKETS * 64;
    for (let i = 0; i < ids; i++) {
      const bucket = userBucket(`6a1f0c2e-0000-4000-8000-${String(i).padStart(12, "0")}`);
      seen.set(bucket, (seen.get(bucket) ?? 0) + 1);
    }
    expect(seen.size).toBe(USER_BUCKETS);
    // Roughly even: no bucket holds more than twice its share.
    expect(Math.max(...seen.values())).toBeLessThan((ids / USER_BUCKETS) * 2);
  });

  it("keeps every user partition of a rollout inside its range and out of other rollouts'", () => {
    const { first, last } = userPartitionRange("r1");
    const inRange = (key: string) => key >= first && key <= last;
    for (let i = 0; i < 200; i++) expect(inRange(userPartitionKey("r1", `u${i}`))).toBe(true);
    expect(inRange(userPartitionKey("r10", "u1"))).toBe(false);
    expect(inRange(userPartitionKey("r", "u1"))).toBe(false);
    // Side partitions (the snapshot, the exclusion index) stay out of every user query.
    expect(inRange(userSidePartition("r1", "snapshot"))).toBe(false);
    expect(userSidePartition("r1", "snapshot") > last).toBe(true);
  });
});
