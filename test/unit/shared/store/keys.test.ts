import { InvalidStoreInputError } from "../../../../shared/store";
import {
  assertIdempotencyKey,
  assertKeyPart,
  auditMarkerRowKey,
  auditRowKey,
  counterRowKey,
  counterWindowRange,
  gateRowKey,
  isoTime,
  parseWaveRowKey,
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
    expect(inRange(counterRowKey("w1", "~~~"))).toBe(true);
    expect(inRange(counterRowKey("w10", "u1"))).toBe(false);
    expect(inRange(counterRowKey("w1-extra", "u1"))).toBe(false);
  });

  it("refuses a window key containing the separator", () => {
    expect(() => counterRowKey("a|b", "u1")).toThrow(/must not contain/);
  });
});
