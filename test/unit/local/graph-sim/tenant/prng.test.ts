import {
  guid,
  guidPrefix,
  hashString,
  mix,
  seedHash,
  unit,
} from "../../../../../local/graph-sim/tenant/prng";

describe("prng", () => {
  it("gives the same values for the same inputs and different ones otherwise", () => {
    expect(mix(1, 2, 3)).toBe(mix(1, 2, 3));
    expect(mix(1, 2, 3)).not.toBe(mix(1, 2, 4));
    expect(seedHash("demo")).toBe(hashString("demo"));
    expect(seedHash(1)).not.toBe(seedHash(2));
  });

  it("makes version-4 GUIDs whose prefix sorts like the string", () => {
    const ids = Array.from({ length: 200 }, (_, i) => guid(9, i));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const byString = [...ids].sort();
    const byPrefix = [...ids].sort((a, b) => guidPrefix(a) - guidPrefix(b));
    expect(byPrefix).toEqual(byString);
  });

  it("spreads unit() over [0, 1)", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => unit(5, i));
    const low = values.filter((v) => v < 0.5).length;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(low).toBeGreaterThan(4_700);
    expect(low).toBeLessThan(5_300);
  });
});
