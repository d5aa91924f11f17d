import type { ProportionInterval } from "../domain";
import { percent } from "./format";
import { el, esc, px } from "./html";
import type { HealthPoint, ReadinessPoint } from "./report-model";
import { emptyChart, legend, timeAxis, valueAxis } from "./svg-axis";
import { linearScale, niceTicks, timeDomain, timeTicks, type Scale } from "./svg-scale";

const WIDTH = 560;
const HEIGHT = 250;
const MARGIN = { top: 30, right: 14, bottom: 28, left: 62 };
/** Decisions worth a vertical line on the health chart; "proceed" is the quiet default. */
const NOTABLE = new Set(["shrink", "pause", "stepBack", "extend", "abort"]);

/**
 * The y range of a health chart: always zero and the limit, and the bounds — but capped at four
 * times the limit, so the first checks' wide bounds (few sign-ins) do not flatten the rest.
 */
export function healthDomain(points: readonly HealthPoint[]): [number, number] {
  const threshold = Math.max(...points.map((p) => p.threshold), 0.001);
  const values = points.flatMap((p) => [p.vsBaseline, p.vsControl]).filter((b) => b !== null);
  const high = Math.max(threshold * 1.5, ...values.map((b) => b.upper));
  const low = Math.min(0, ...values.map((b) => b.lower));
  return [Math.max(low, -threshold), Math.min(high, threshold * 4)];
}

/** Band polygon (upper edge left to right, lower edge back) for the points that have bounds. */
export function bandPath(
  points: readonly { t: number; b: ProportionInterval }[],
  x: Scale,
  y: Scale,
): string {
  if (points.length === 0) return "";
  const upper = points.map((p) => `${px(x(p.t))},${px(y(p.b.upper))}`);
  const lower = [...points].reverse().map((p) => `${px(x(p.t))},${px(y(p.b.lower))}`);
  return `M${[...upper, ...lower].join("L")}Z`;
}

function linePath(points: readonly { t: number; v: number }[], x: Scale, y: Scale): string {
  return points.length === 0 ? "" : `M${points.map((p) => `${px(x(p.t))},${px(y(p.v))}`).join("L")}`;
}

/**
 * One wave's health checks: the excess MFA-failure rate over the wave's own baseline (line and
 * confidence band) and over the control cohort (dashed), against the limit; dots coloured by
 * verdict; shrink / pause / extend decisions marked where they happened.
 */
export function healthChartSvg(points: readonly HealthPoint[], waveIndex: number): string {
  const testId = `health-chart-${waveIndex}`;
  if (points.length === 0) return emptyChart(WIDTH, 90, "No health checks yet", testId);
  const times = points.map((p) => Date.parse(p.at));
  const domain = timeDomain(times);
  const [low, high] = healthDomain(points);
  const x = linearScale(domain, [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([low, high], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const clipId = `clip-health-${waveIndex}`;
  const withBounds = (pick: (p: HealthPoint) => ProportionInterval | null) =>
    points.flatMap((p, i) => {
      const b = pick(p);
      return b ? [{ t: times[i] ?? 0, b, v: b.estimate, p }] : [];
    });
  const baseline = withBounds((p) => p.vsBaseline);
  const control = withBounds((p) => p.vsControl);
  const threshold = points.at(-1)?.threshold ?? 0;
  const confidence = points.at(-1)?.confidence ?? 0.95;
  const decisions = points.flatMap((p, i) =>
    p.decision && NOTABLE.has(p.decision) ? [{ t: times[i] ?? 0, decision: p.decision }] : [],
  );

  return el(
    "svg",
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      "aria-label": `Health gate checks of wave ${waveIndex + 1}`,
      "data-testid": testId,
    },
    el(
      "defs",
      {},
      el(
        "clipPath",
        { id: clipId },
        el("rect", {
          x: MARGIN.left,
          y: MARGIN.top,
          width: WIDTH - MARGIN.left - MARGIN.right,
          height: HEIGHT - MARGIN.top - MARGIN.bottom,
        }),
      ),
    ),
    valueAxis(y, MARGIN.left, WIDTH - MARGIN.right, niceTicks(low, high, 5), percent, "excess failure rate"),
    el(
      "g",
      { "clip-path": `url(#${clipId})` },
      el("path", {
        class: "band baseline-band",
        "data-series": "baseline-band",
        d: bandPath(baseline, x, y),
      }),
      el("line", {
        class: "zero",
        x1: MARGIN.left,
        x2: WIDTH - MARGIN.right,
        y1: px(y(0)),
        y2: px(y(0)),
      }),
      el("line", {
        class: "threshold",
        "data-series": "threshold",
        x1: MARGIN.left,
        x2: WIDTH - MARGIN.right,
        y1: px(y(threshold)),
        y2: px(y(threshold)),
      }),
      el("path", {
        class: "series control-line dashed",
        "data-series": "control",
        d: linePath(control, x, y),
      }),
      el("path", { class: "series baseline-line", "data-series": "baseline", d: linePath(baseline, x, y) }),
      ...baseline.map((point) =>
        el(
          "circle",
          {
            class: `dot verdict-${point.p.verdict}`,
            "data-verdict": point.p.verdict,
            cx: px(x(point.t)),
            cy: px(y(point.v)),
            r: 3.2,
          },
          el(
            "title",
            {},
            esc(`${point.p.at.slice(0, 16).replace("T", " ")} ${point.p.verdict}: ${point.p.reason}`),
          ),
        ),
      ),
    ),
    ...decisions.map((d) =>
      el(
        "g",
        { class: `decision decision-${d.decision}`, "data-decision": d.decision },
        el("line", { x1: px(x(d.t)), x2: px(x(d.t)), y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom }),
        el("text", { x: px(x(d.t) + 3), y: MARGIN.top + 10 }, esc(d.decision)),
      ),
    ),
    el(
      "text",
      {
        class: "threshold-label",
        x: WIDTH - MARGIN.right - 4,
        y: px(y(threshold) - 4),
        "text-anchor": "end",
      },
      esc(`limit +${percent(threshold)}`),
    ),
    timeAxis(x, HEIGHT - MARGIN.bottom, timeTicks(domain[0], domain[1], 6)),
    legend(
      [
        { label: "vs own baseline", className: "baseline-line", shape: "line" },
        { label: `${percent(confidence)} bounds`, className: "baseline-band" },
        { label: "vs control cohort", className: "control-line", shape: "dashed" },
        { label: "limit", className: "threshold", shape: "dashed" },
      ],
      MARGIN.left,
      12,
    ),
  );
}

const R_WIDTH = 560;
const R_ROW = 26;
const R_MARGIN = { top: 26, right: 14, bottom: 24, left: 112 };

/**
 * The readiness checks of a wave as bullets: the share of users the report-only policy would
 * have failed, its interval, and the limit, one row per evaluation.
 */
export function readinessChartSvg(points: readonly ReadinessPoint[], waveIndex: number): string {
  const testId = `readiness-chart-${waveIndex}`;
  if (points.length === 0) return emptyChart(R_WIDTH, 60, "No readiness check yet", testId);
  const height = R_MARGIN.top + points.length * R_ROW + R_MARGIN.bottom;
  const limit = Math.max(...points.map((p) => p.maxPredictedFailureShare));
  const top = Math.min(1, Math.max(limit * 2, ...points.map((p) => p.predictedFailure.upper)));
  const x = linearScale([0, top], [R_MARGIN.left, R_WIDTH - R_MARGIN.right]);
  const rows = points.map((p, i) => {
    const cy = R_MARGIN.top + i * R_ROW + R_ROW / 2;
    const b = p.predictedFailure;
    return el(
      "g",
      { class: "readiness-row", "data-verdict": p.verdict },
      el(
        "text",
        { x: R_MARGIN.left - 8, y: px(cy), dy: "0.32em", "text-anchor": "end" },
        esc(p.at.slice(0, 16).replace("T", " ")),
      ),
      el("rect", {
        class: "band readiness-band",
        x: px(x(b.lower)),
        y: px(cy - 6),
        width: px(Math.max(1, x(b.upper) - x(b.lower))),
        height: 12,
        rx: 2,
      }),
      el(
        "circle",
        { class: `dot verdict-${p.verdict}`, cx: px(x(b.estimate)), cy: px(cy), r: 4.5 },
        el(
          "title",
          {},
          esc(
            `${percent(b.estimate)} of ${p.users} users would fail (interval ${percent(b.lower)} to ${percent(b.upper)}); registered ${percent(p.registeredShare)}, needs ${percent(p.minRegisteredShare)}`,
          ),
        ),
      ),
      el("line", {
        class: "threshold",
        x1: px(x(p.maxPredictedFailureShare)),
        x2: px(x(p.maxPredictedFailureShare)),
        y1: px(cy - 10),
        y2: px(cy + 10),
      }),
    );
  });
  const axis = niceTicks(0, top, 5).map((v) =>
    el(
      "g",
      { transform: `translate(${px(x(v))},${height - R_MARGIN.bottom})` },
      el("line", { y2: 4 }),
      el("text", { y: 15, "text-anchor": "middle" }, esc(percent(v))),
    ),
  );
  return el(
    "svg",
    {
      viewBox: `0 0 ${R_WIDTH} ${height}`,
      role: "img",
      "aria-label": `Readiness gate checks of wave ${waveIndex + 1}`,
      "data-testid": testId,
    },
    legend(
      [
        { label: "users report-only would fail", className: "verdict-Pass", shape: "dot" },
        { label: `${percent(points.at(-1)?.confidence ?? 0.95)} interval`, className: "readiness-band" },
        { label: `limit ${percent(limit)}`, className: "threshold", shape: "dashed" },
      ],
      R_MARGIN.left,
      10,
    ),
    ...rows,
    el(
      "g",
      { class: "axis axis-x" },
      el("line", {
        x1: R_MARGIN.left,
        x2: R_WIDTH - R_MARGIN.right,
        y1: height - R_MARGIN.bottom,
        y2: height - R_MARGIN.bottom,
      }),
      ...axis,
    ),
  );
}
