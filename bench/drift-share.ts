/** One wave of the replay: the checks' wall times, in seconds, and the enforced group's size. */
export interface ReplayedWave {
  /** Members before the wave's users were added, and after. */
  before: number;
  after: number;
  /** A check with no delta link (read in full, as before groups/delta), before the wave's users were added. */
  full: number;
  /** The first delta check after they were added (it reads their additions), then one with no changes. */
  deltaAfterAdding: number;
  deltaQuiet: number;
}

/**
 * Drift checks' seconds over a rollout of `checksPerWave` checks a wave, before groups/delta (every
 * check read in full) and after, priced against the product: a check before is priced at the
 * group's size before its wave's users were added (most of a wave's checks come after), a check
 * after at the size after, with one read of the additions a wave, and the rollout's first check
 * (no delta link yet) as a full read.
 */
export function driftSeconds(
  waves: readonly ReplayedWave[],
  checksPerWave: number,
): { before: number; after: number } {
  let before = 0;
  let after = waves[0]?.full ?? 0;
  for (const wave of waves) {
    before += checksPerWave * wave.full;
    after += wave.deltaAfterAdding + Math.max(0, checksPerWave - 1) * wave.deltaQuiet;
  }
  return { before, after };
}

/**
 * A rehearsal's drift share (drift seconds / wall seconds) when its drift checks take `ratio` times
 * as long and nothing else changes: the rest of the wall time stays as it was.
 */
export function shareWithDriftScaled(sharePercent: number, ratio: number): number {
  const share = sharePercent / 100;
  return Math.round(((share * ratio) / (1 - share + share * ratio)) * 10_000) / 100;
}
