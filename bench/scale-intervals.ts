/** A closed time range in epoch milliseconds. */
export interface Interval {
  from: number;
  to: number;
}

/** The union of ranges as disjoint ranges, oldest first (touching ranges join). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * The ranges cut at every boundary any range has, keeping only pieces some range covers: the
 * stretches of the log a reader that never reads anything twice would still have to read apart.
 */
export function elementaryPieces(intervals: readonly Interval[]): Interval[] {
  const live = intervals.filter((i) => i.to > i.from);
  const cuts = [...new Set(live.flatMap((i) => [i.from, i.to]))].sort((a, b) => a - b);
  const pieces: Interval[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const piece = { from: cuts[k] as number, to: cuts[k + 1] as number };
    if (live.some((i) => i.from <= piece.from && i.to >= piece.to)) pieces.push(piece);
  }
  return pieces;
}

/** Graph's sign-in page size. */
export const PAGE_SIZE = 1000;

/**
 * The pages needed to read each range once, given its sign-ins (the whole tenant's, as a sweep
 * reads them): pages of 1,000, and one page for a range with none (Graph answers an empty page).
 */
export function pagesFor(signInsPerRange: readonly number[]): number {
  return signInsPerRange.reduce((pages, count) => pages + Math.max(1, Math.ceil(count / PAGE_SIZE)), 0);
}
