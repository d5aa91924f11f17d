import type { UserStage } from "../domain";
import { el, esc, px } from "./html";
import type { StageTimeline } from "./report-model";
import { emptyChart, legend, timeAxis, valueAxis } from "./svg-axis";
import { linearScale, niceTicks, timeDomain, timeTicks } from "./svg-scale";

/** Bottom to top: what is done first, what is still to come last. */
export const STAGE_ORDER: readonly UserStage[] = [
  "enforced",
  "heldBack",
  "excluded",
  "reportOnly",
  "pending",
];

export const STAGE_LABELS: Record<UserStage, string> = {
  enforced: "enforced",
  heldBack: "held back",
  excluded: "excluded",
  reportOnly: "report-only",
  pending: "pending",
};

const WIDTH = 960;
const HEIGHT = 300;
const MARGIN = { top: 34, right: 16, bottom: 28, left: 58 };

export interface StageBand {
  stage: UserStage;
  /** Polygon vertices: the band's top edge left to right, then its bottom edge right to left. */
  points: [number, number][];
}

/**
 * Stacked steps: between two changes the counts hold, so each band is a staircase, not a slope.
 * Pure geometry, exported for tests: the band of a stage spans exactly its users at every time.
 */
export function stageBands(
  timeline: StageTimeline,
  x: (ms: number) => number,
  y: (users: number) => number,
): StageBand[] {
  const points = timeline.points;
  const times = points.map((p) => Date.parse(p.at));
  return STAGE_ORDER.map((stage, level) => {
    const below = (i: number) =>
      STAGE_ORDER.slice(0, level).reduce((sum, s) => sum + (points[i]?.counts[s] ?? 0), 0);
    const top: [number, number][] = [];
    const bottom: [number, number][] = [];
    points.forEach((point, i) => {
      const start = x(times[i] ?? 0);
      const end = x(times[i + 1] ?? times[i] ?? 0);
      const low = below(i);
      const high = low + point.counts[stage];
      top.push([start, y(high)], [end, y(high)]);
      bottom.push([start, y(low)], [end, y(low)]);
    });
    return { stage, points: [...top, ...bottom.reverse()] };
  });
}

/** Users by stage over time, as a stacked step chart with axes, legend and wave markers. */
export function stageChartSvg(timeline: StageTimeline): string {
  if (timeline.points.length === 0) {
    return emptyChart(WIDTH, 120, "No users in the rollout yet", "stage-chart-svg");
  }
  const times = timeline.points.map((p) => Date.parse(p.at));
  const domain = timeDomain(times);
  const maxUsers = Math.max(
    1,
    ...timeline.points.map((p) => STAGE_ORDER.reduce((sum, s) => sum + p.counts[s], 0)),
  );
  // One round step of headroom above the population, where the wave labels sit.
  const ticks = niceTicks(0, maxUsers, 5);
  const step = (ticks[1] ?? maxUsers) - (ticks[0] ?? 0);
  const yTicks = (ticks.at(-1) ?? 0) < maxUsers ? [...ticks, (ticks.at(-1) ?? 0) + step] : ticks;
  const x = linearScale(domain, [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale(
    [0, Math.max(maxUsers, yTicks.at(-1) ?? maxUsers)],
    [HEIGHT - MARGIN.bottom, MARGIN.top],
  );
  const bands = stageBands(timeline, x, y).filter((band) =>
    timeline.points.some((p) => p.counts[band.stage] > 0),
  );
  const markers = timeline.markers.map((marker) => {
    const at = x(Date.parse(marker.at));
    return el(
      "g",
      { class: "marker" },
      el("line", { x1: px(at), x2: px(at), y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom }),
      el("text", { x: px(at + 4), y: MARGIN.top + 10 }, esc(marker.label)),
    );
  });
  return el(
    "svg",
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      "aria-label": "Users by stage over time",
      "data-testid": "stage-chart-svg",
    },
    valueAxis(y, MARGIN.left, WIDTH - MARGIN.right, yTicks, (v) => String(v), "users"),
    ...bands.map((band) =>
      el(
        "path",
        {
          class: `stage-area stage-${band.stage}`,
          "data-stage": band.stage,
          d: `M${band.points.map(([px1, py1]) => `${px(px1)},${px(py1)}`).join("L")}Z`,
        },
        el("title", {}, esc(STAGE_LABELS[band.stage])),
      ),
    ),
    ...markers,
    timeAxis(x, HEIGHT - MARGIN.bottom, timeTicks(domain[0], domain[1], 10)),
    legend(
      STAGE_ORDER.map((stage) => ({ label: STAGE_LABELS[stage], className: `stage-${stage}` })),
      MARGIN.left,
      12,
    ),
  );
}
