import type { StageTimeline } from "../../../../shared/report";
import { stageBands, stageChartSvg } from "../../../../shared/report/svg-stage-chart";
import { counts } from "./report-fixtures";

const timeline: StageTimeline = {
  points: [
    { at: "2026-01-05T00:00:00.000Z", counts: counts({ reportOnly: 30 }) },
    { at: "2026-01-06T00:00:00.000Z", counts: counts({ reportOnly: 20, enforced: 8, heldBack: 2 }) },
    { at: "2026-01-07T00:00:00.000Z", counts: counts({ reportOnly: 20, enforced: 8, heldBack: 2 }) },
  ],
  markers: [{ at: "2026-01-06T00:00:00.000Z", label: "pilot <enforced>" }],
  reconciled: false,
};

describe("stageBands", () => {
  // One pixel per hour across, one per user up.
  const x = (ms: number) => (ms - Date.parse("2026-01-05T00:00:00Z")) / 3_600_000;
  const y = (users: number) => 100 - users;

  it("stacks each stage on the ones below as a staircase that holds until the next change", () => {
    const bands = new Map(stageBands(timeline, x, y).map((b) => [b.stage, b.points]));
    expect(bands.get("enforced")).toEqual([
      [0, 100],
      [24, 100],
      [24, 92],
      [48, 92],
      [48, 92],
      [48, 92],
      [48, 100],
      [48, 100],
      [48, 100],
      [24, 100],
      [24, 100],
      [0, 100],
    ]);
    // Held back sits on top of the 8 enforced users: from 92 up to 90 once it exists.
    expect(bands.get("heldBack")?.slice(0, 4)).toEqual([
      [0, 100],
      [24, 100],
      [24, 90],
      [48, 90],
    ]);
    // Report-only starts at the bottom (nobody below yet), then sits on 10 users.
    expect(bands.get("reportOnly")?.slice(0, 4)).toEqual([
      [0, 70],
      [24, 70],
      [24, 70],
      [48, 70],
    ]);
    expect(bands.get("reportOnly")?.slice(-2)).toEqual([
      [24, 100],
      [0, 100],
    ]);
  });
});

describe("stageChartSvg", () => {
  it("draws a band for each stage that ever had users, an axis, a legend and escaped markers", () => {
    const svg = stageChartSvg(timeline);
    expect(svg.match(/<path class="stage-area/g)).toHaveLength(3);
    expect(svg).toContain('data-stage="enforced"');
    expect(svg).not.toContain('data-stage="excluded"');
    expect(svg).toContain("pilot &lt;enforced&gt;");
    expect(svg).toContain(">report-only</text>");
    expect(svg).toContain(">01-06 00:00</text>");
  });

  it("says there is nothing to show rather than drawing empty axes", () => {
    const svg = stageChartSvg({ points: [], markers: [], reconciled: false });
    expect(svg).toContain('data-empty="true"');
    expect(svg).toContain("No users in the rollout yet");
  });
});
