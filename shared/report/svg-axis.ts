import { el, esc, px } from "./html";
import type { Scale } from "./svg-scale";

/** A time axis along the bottom of the plot: ticks, labels (dates, or hours on short spans). */
export function timeAxis(x: Scale, bottom: number, ticks: readonly number[]): string {
  const [from, to] = x.domain;
  const short = to - from <= 2 * 86_400_000;
  const label = (t: number) => {
    const iso = new Date(t).toISOString();
    return short ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(5, 10);
  };
  const [left, right] = x.range;
  return el(
    "g",
    { class: "axis axis-x" },
    el("line", { x1: px(left), x2: px(right), y1: px(bottom), y2: px(bottom) }),
    ...ticks.map((t) =>
      el(
        "g",
        { transform: `translate(${px(x(t))},${px(bottom)})` },
        el("line", { y2: 5 }),
        el("text", { y: 17, "text-anchor": "middle" }, esc(label(t))),
      ),
    ),
  );
}

/** A value axis on the left with light grid lines across the plot. */
export function valueAxis(
  y: Scale,
  left: number,
  right: number,
  ticks: readonly number[],
  format: (value: number) => string,
  title?: string,
): string {
  const [bottom, top] = y.range;
  return el(
    "g",
    { class: "axis axis-y" },
    ...ticks.map((v) =>
      el(
        "g",
        { transform: `translate(0,${px(y(v))})` },
        el("line", { class: "grid", x1: px(left), x2: px(right) }),
        el("text", { x: px(left - 6), dy: "0.32em", "text-anchor": "end" }, esc(format(v))),
      ),
    ),
    el("line", { x1: px(left), x2: px(left), y1: px(top), y2: px(bottom) }),
    title
      ? el(
          "text",
          {
            class: "axis-title",
            transform: `translate(${px(left - 42)},${px((top + bottom) / 2)}) rotate(-90)`,
            "text-anchor": "middle",
          },
          esc(title),
        )
      : "",
  );
}

export interface LegendItem {
  label: string;
  /** A class that sets the swatch's colour (the stylesheet defines them). */
  className: string;
  shape?: "box" | "line" | "dashed" | "dot";
}

/** A row of swatches and labels starting at (x, y); items are spaced by their text length. */
export function legend(items: readonly LegendItem[], x: number, y: number): string {
  let offset = x;
  const parts = items.map((item) => {
    const swatch =
      item.shape === "line" || item.shape === "dashed"
        ? el("line", {
            class: `${item.className}${item.shape === "dashed" ? " dashed" : ""}`,
            x1: 0,
            x2: 16,
            y1: 0,
            y2: 0,
          })
        : item.shape === "dot"
          ? el("circle", { class: item.className, cx: 8, cy: 0, r: 4 })
          : el("rect", { class: item.className, x: 0, y: -6, width: 14, height: 12, rx: 2 });
    const group = el(
      "g",
      { class: "legend-item", transform: `translate(${px(offset)},${px(y)})` },
      swatch,
      el("text", { x: 20, dy: "0.32em" }, esc(item.label)),
    );
    offset += 30 + item.label.length * 6.6;
    return group;
  });
  return el("g", { class: "legend" }, ...parts);
}

/** What a chart shows when there is nothing to plot yet: still an <svg>, saying so. */
export function emptyChart(width: number, height: number, message: string, testId: string): string {
  return el(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": message,
      "data-testid": testId,
      "data-empty": "true",
    },
    el("text", { class: "empty", x: width / 2, y: height / 2, "text-anchor": "middle" }, esc(message)),
  );
}
