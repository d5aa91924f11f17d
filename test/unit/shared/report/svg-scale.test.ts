import { linearScale, niceTicks, timeDomain, timeTicks } from "../../../../shared/report/svg-scale";

describe("svg scales", () => {
  it("maps a domain onto a reversed range (SVG y grows downwards)", () => {
    const y = linearScale([0, 100], [300, 20]);
    expect([y(0), y(50), y(100)]).toEqual([300, 160, 20]);
  });

  it("puts a zero-width domain in the middle of the range", () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });

  it.each([
    [0, 85, [0, 20, 40, 60, 80]],
    [-0.02, 0.08, [-0.02, 0, 0.02, 0.04, 0.06, 0.08]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])("picks round ticks for [%p, %p]", (min, max, ticks) => {
    expect(niceTicks(min, max, 5)).toEqual(ticks);
  });

  it("keeps time ticks aligned to whole days and few enough to read", () => {
    const from = Date.parse("2026-01-05T07:00:00Z");
    const to = Date.parse("2026-02-01T08:00:00Z");
    const ticks = timeTicks(from, to, 10);
    expect(ticks.length).toBeLessThanOrEqual(10);
    expect(ticks.every((t) => t % 86_400_000 === 0 && t >= from && t <= to)).toBe(true);
  });

  it("widens a single instant into a two-hour domain", () => {
    expect(timeDomain([7_200_000])).toEqual([3_600_000, 10_800_000]);
  });
});
