import { EntityTooLargeError } from "../../../../shared/store";
import {
  assertEntityFits,
  estimateEntityBytes,
  joinStringProperty,
  MAX_STRING_PROPERTY_CHARS,
  splitStringProperty,
} from "../../../../shared/store/entity-size";

const where = { table: "rollouts", partitionKey: "rollout", rowKey: "r1" };

describe("entity size guard", () => {
  it("counts keys and strings as UTF-16 and numbers as 8 bytes", () => {
    expect(estimateEntityBytes({ partitionKey: "p", rowKey: "r" })).toBe(4 + 4);
    expect(estimateEntityBytes({ partitionKey: "p", rowKey: "r", ab: "xyz" })).toBe(8 + 8 + 4 + 4 + 6);
    expect(estimateEntityBytes({ partitionKey: "p", rowKey: "r", n: 5 })).toBe(8 + 8 + 2 + 8);
  });

  it("accepts a property at the limit and rejects one character more, naming the property", () => {
    expect(() => assertEntityFits({ plan0: "x".repeat(MAX_STRING_PROPERTY_CHARS) }, where)).not.toThrow();
    expect(() => assertEntityFits({ plan0: "x".repeat(MAX_STRING_PROPERTY_CHARS + 1) }, where)).toThrow(
      /property 'plan0'.*64 KiB/,
    );
  });

  it("rejects an entity over 1 MiB even when every property fits", () => {
    const entity = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, "x".repeat(30_000)]));
    expect(() => assertEntityFits(entity, where)).toThrow(EntityTooLargeError);
    expect(() => assertEntityFits(entity, where)).toThrow(/RowKey 'r1'.*1 MiB/);
  });

  it("rejects more than 252 custom properties", () => {
    const entity = Object.fromEntries(Array.from({ length: 253 }, (_, i) => [`c${i}`, 1]));
    expect(() => assertEntityFits(entity, where)).toThrow(/253 properties/);
  });
});

describe("splitting long strings over columns", () => {
  it("round-trips text of any length, including empty", () => {
    for (const text of ["", "short", "a".repeat(100_001)]) {
      const parts = splitStringProperty("plan", text);
      expect(joinStringProperty("plan", parts)).toBe(text);
      for (const [name, value] of Object.entries(parts)) {
        if (name !== "planParts")
          expect((value as string).length).toBeLessThanOrEqual(MAX_STRING_PROPERTY_CHARS);
      }
    }
  });

  it("numbers the columns and records how many there are", () => {
    expect(splitStringProperty("plan", "abcdefg", 3)).toEqual({
      plan0: "abc",
      plan1: "def",
      plan2: "g",
      planParts: 3,
    });
  });

  it("never cuts an emoji (surrogate pair) in half", () => {
    const text = "ab😀cd😀";
    const parts = splitStringProperty("plan", text, 3);
    for (const [name, value] of Object.entries(parts)) {
      if (name === "planParts") continue;
      expect(Buffer.from(value as string, "utf8").toString("utf8")).toBe(value);
      expect(value).not.toMatch(/[\ud800-\udbff]$/);
    }
    expect(joinStringProperty("plan", parts)).toBe(text);
  });

  it("reports a missing part instead of returning a truncated document", () => {
    expect(() => joinStringProperty("plan", { plan0: "a", planParts: 2 })).toThrow(/plan1/);
    expect(joinStringProperty("plan", {})).toBeUndefined();
  });
});
