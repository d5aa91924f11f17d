import { brokenCells, isBrokenBeyondNoise, type UserTally } from "../../../../../shared/domain";
import { tallyOf } from "../fixtures";

const INVOICING = "Contoso Invoicing | Mobile Apps and Desktop clients | Ios";
const OUTLOOK = "Outlook | Browser | Windows10";

const tally = (cells: Record<string, [number, number]>) => tallyOf(cells);

/** The sequential test at a 1% budget over 100 cells: ln(100 / 0.01) = 9.21 nats to name a cell. */
const sprt = (n: number, f: number, baseRate: number) =>
  isBrokenBeyondNoise(n, f, { baseRate, brokenRate: 0.5, alpha: 0.01, candidates: 100 });
const test = { expectedRate: 0.04, minFailures: 2, broken: sprt };

/** `count` users of an app on a platform, each with `attempts` there of which `failures` failed. */
const users = (from: number, count: number, cells: Record<string, [number, number]>) =>
  Array.from({ length: count }, (_, i): [string, UserTally] => [`user-${from + i}`, tally(cells)]);

describe("brokenCells: a user whose attempts in one app on one platform fail far above its other users'", () => {
  it("finds two broken phones among fourteen healthy users of the same app, and nobody else", () => {
    const wave = [
      ...users(1, 2, { [INVOICING]: [6, 6], [OUTLOOK]: [30, 1] }),
      ...users(10, 14, { [INVOICING]: [5, 0], [OUTLOOK]: [30, 1] }),
    ];
    const found = brokenCells(wave, test);
    expect([...found.keys()]).toEqual(["user-1", "user-2"]);
    expect(found.get("user-1")).toEqual({ key: INVOICING, attempts: 6, failures: 6 });
  });

  it("judges a cell from minFailures failed attempts on, and not one short of it", () => {
    const always = { ...test, broken: () => true };
    const wave = (failures: number) => [...users(1, 1, { [INVOICING]: [failures, failures] })];
    expect(brokenCells(wave(2), always).has("user-1")).toBe(true);
    expect(brokenCells(wave(1), always).has("user-1")).toBe(false);
  });

  it("does not judge a cell that fails no more than the expected rate, whatever the test says", () => {
    const always = { ...test, expectedRate: 0.1, broken: () => true };
    // 2 of 20 is exactly 10%: no excess to blame.
    expect(brokenCells(users(1, 1, { [OUTLOOK]: [20, 2] }), always).size).toBe(0);
    expect(brokenCells(users(1, 1, { [OUTLOOK]: [19, 2] }), always).size).toBe(1);
  });

  it("holds a heavy user's few abandoned prompts in one app against nobody", () => {
    // 3 of 10 at 4%: 3·ln(12.5) + 7·ln(0.5/0.96) = 3.02 nats, far below 9.21.
    const heavy = users(1, 1, { [OUTLOOK]: [300, 12], [INVOICING]: [10, 3] });
    expect(brokenCells([...heavy, ...users(10, 14, { [INVOICING]: [5, 0] })], test).size).toBe(0);
  });

  describe("the app's own rate: its other users' attempts", () => {
    // 4 of 4 weighs 4·ln(0.5/p): 10.10 nats against p = 4%, above 9.21; against 9.1%, 6.8, below.
    const broken = users(1, 1, { [INVOICING]: [4, 4] });
    it("names the user when the app fails its other users at the wave's rate", () => {
      const others = users(10, 10, { [INVOICING]: [10, 0] });
      expect(brokenCells([...broken, ...others], test).has("user-1")).toBe(true);
    });
    it("names nobody when the app fails all its users about as often (an app that prompts badly for everyone)", () => {
      const others = users(10, 10, { [INVOICING]: [10, 1] });
      expect(brokenCells([...broken, ...others], test).size).toBe(0);
    });
    it("at the boundary: 4 of 4 is named while the app's rate stays below 0.5·e^(−9.21/4)", () => {
      const limit = 0.5 * Math.exp(-Math.log(100 / 0.01) / 4); // 5.0%
      expect(limit).toBeCloseTo(0.05, 3);
      // 5 of 102 attempts (4.9%) by its other users: named; 5 of 98 (5.1%): not.
      const below = [...users(10, 1, { [INVOICING]: [102, 5] })];
      const above = [...users(10, 1, { [INVOICING]: [98, 5] })];
      expect(brokenCells([...broken, ...below], test).has("user-1")).toBe(true);
      expect(brokenCells([...broken, ...above], test).has("user-1")).toBe(false);
    });
    it("leaves out cells that themselves fail beyond noise, so two broken phones do not hide each other", () => {
      // Counting the other broken phone, the app would fail its other users at 4 of 44 (9.1%).
      const two = users(1, 2, { [INVOICING]: [4, 4] });
      const others = users(10, 10, { [INVOICING]: [4, 0] });
      expect([...brokenCells([...two, ...others], test).keys()]).toEqual(["user-1", "user-2"]);
    });
  });

  describe("once one phone is shown broken in an app on a platform", () => {
    const first = users(1, 1, { [INVOICING]: [6, 6] });
    const others = users(10, 14, { [INVOICING]: [5, 0] });
    const second = (cell: [number, number]) => users(2, 1, { [INVOICING]: cell, [OUTLOOK]: [30, 1] });
    it("names with it another user whose attempts there all failed, from minFailures on (2 of 2)", () => {
      // 2 of 2 alone weighs 2·ln(12.5) = 5.05 nats, far short of 9.21.
      expect(brokenCells([...second([2, 2]), ...others], test).size).toBe(0);
      const found = brokenCells([...first, ...second([2, 2]), ...others], test);
      expect([...found.keys()]).toEqual(["user-1", "user-2"]);
      expect(found.get("user-2")).toEqual({ key: INVOICING, attempts: 2, failures: 2 });
    });
    it("not one short of minFailures (1 of 1), nor one whose attempts there did not all fail (2 of 3)", () => {
      expect([...brokenCells([...first, ...second([1, 1]), ...others], test).keys()]).toEqual(["user-1"]);
      expect([...brokenCells([...first, ...second([3, 2]), ...others], test).keys()]).toEqual(["user-1"]);
    });
    it("not on the same app on another platform", () => {
      const android = "Contoso Invoicing | Mobile Apps and Desktop clients | Android";
      const other = users(2, 1, { [android]: [3, 3] });
      expect([...brokenCells([...first, ...other, ...others], test).keys()]).toEqual(["user-1"]);
    });
  });

  it("names, per user, the cell with the most failed attempts (ties: the first by name)", () => {
    const always = { ...test, broken: () => true };
    const two = users(1, 1, { [OUTLOOK]: [3, 3], [INVOICING]: [5, 5] });
    expect(brokenCells(two, always).get("user-1")?.key).toBe(INVOICING);
    const tie = users(1, 1, { [OUTLOOK]: [3, 3], [INVOICING]: [3, 3] });
    expect(brokenCells(tie, always).get("user-1")?.key).toBe(INVOICING);
  });
});
