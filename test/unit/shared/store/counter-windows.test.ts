import { wanted, windowKey } from "../../../../shared/store/counter-windows";

const H = 3_600_000;

describe("what a window still lacks", () => {
  it("wants the whole stretch when it holds nothing yet", () => {
    const w = wanted(0, undefined, 6 * H);
    expect(w?.readFrom).toBe(0);
    expect(w?.coverage).toEqual({ from: 0, until: 6 * H });
    expect([0, 3 * H, 6 * H].map(w!.includes)).toEqual([true, true, true]);
    expect(w?.includes(6 * H + 1)).toBe(false);
  });

  it("reads only what follows the stretch it holds, and not the sign-in on its edge twice", () => {
    const w = wanted(0, { from: 0, until: 6 * H }, 12 * H);
    expect(w?.readFrom).toBe(6 * H);
    expect(w?.coverage).toEqual({ from: 0, until: 12 * H });
    expect(w?.includes(6 * H)).toBe(false);
    expect(w?.includes(6 * H + 1000)).toBe(true);
    expect(w?.includes(3 * H)).toBe(false);
  });

  it("wants nothing when asked for a stretch it already holds (a re-run after the write)", () => {
    expect(wanted(2 * H, { from: 0, until: 12 * H }, 12 * H)).toBeUndefined();
  });

  it("opened early by a bake, it adds the observation's later hours only", () => {
    // The next wave's window was opened 2 days before its observation was planned to start.
    const w = wanted(48 * H, { from: 0, until: 72 * H }, 96 * H);
    expect(w?.readFrom).toBe(72 * H);
    expect(w?.coverage).toEqual({ from: 0, until: 96 * H });
  });

  it("fills in an earlier start it was never given, without counting what it holds again", () => {
    const w = wanted(0, { from: 10 * H, until: 20 * H }, 30 * H);
    expect(w?.readFrom).toBe(0);
    expect(w?.coverage).toEqual({ from: 0, until: 30 * H });
    expect([5 * H, 10 * H, 15 * H, 20 * H, 25 * H].map(w!.includes)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });
});

describe("window keys", () => {
  it("names wave, purpose, bake segment and cohort", () => {
    expect(windowKey(2, "observe", "wave")).toBe("w2-observe-wave");
    expect(windowKey(2, "bake", "control", 1)).toBe("w2-bake1-control");
    expect(windowKey(2, "bake", "control", 0)).toBe("w2-bake-control");
  });
});
