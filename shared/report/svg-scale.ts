/** A linear map from a data interval onto a pixel interval (either may be reversed). */
export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  const scale = ((value: number) =>
    width === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / width) * (r1 - r0)) as Scale;
  scale.domain = domain;
  scale.range = range;
  return scale;
}

/** About `count` round tick values (1, 2 or 5 times a power of ten) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || count < 1) return [];
  if (min === max) return [min];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_STEPS = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY];

/** Tick times (UTC, aligned to the step) for a time axis of at most `max` ticks. */
export function timeTicks(fromMs: number, toMs: number, max = 8): number[] {
  if (!(toMs > fromMs)) return Number.isFinite(fromMs) ? [fromMs] : [];
  const step =
    TIME_STEPS.find((s) => (toMs - fromMs) / s <= max) ?? Math.ceil((toMs - fromMs) / max / DAY) * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

/** A time domain that is never empty: a single instant gets an hour either side. */
export function timeDomain(times: readonly number[]): [number, number] {
  const finite = times.filter(Number.isFinite);
  if (finite.length === 0) return [0, DAY];
  const from = Math.min(...finite);
  const to = Math.max(...finite);
  return to > from ? [from, to] : [from - HOUR, to + HOUR];
}
