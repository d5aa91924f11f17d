import type { UserTally } from "../signins/user-tally";

/** One user's attempts in one app × client × platform, found failing beyond noise. */
export interface BrokenCell {
  key: string;
  attempts: number;
  failures: number;
}

export interface CellTest {
  /** The rate every attempt fails at without a broken phone: the wave's expected rate. */
  expectedRate: number;
  /** A cell needs at least this many failed attempts to be judged (one abandoned prompt is noise). */
  minFailures: number;
  /** The sequential test, with its share of the budget over every cell (isBrokenBeyondNoise). */
  broken: (attempts: number, failures: number, baseRate: number) => boolean;
}

/**
 * Which users fail in one app on one platform far more than the other users of it do? Judged
 * over all of a user's attempts, two broken phones among many healthy users are missed: their
 * attempts in other apps dilute their failures, and the app's healthy users dilute the app's.
 * So each user × app × client × platform cell is tested on its own, against the rate the app on
 * that platform fails its other users at (never below `expectedRate`): an app that makes everyone
 * abandon a few more prompts blames nobody, an app that fails every attempt of two of its users
 * blames those two. The app's rate is taken over the cells that do not themselves fail beyond
 * noise against `expectedRate`, so two broken phones do not hide each other.
 *
 * Returns, per user, their cell with the most failed attempts among those found (ties: by key).
 */
export function brokenCells(
  users: ReadonlyArray<readonly [string, UserTally]>,
  test: CellTest,
): Map<string, BrokenCell> {
  const suspect = (n: number, f: number, baseRate: number) =>
    f >= test.minFailures && f > baseRate * n && test.broken(n, f, baseRate);
  const suspects = new Set<string>();
  const others = new Map<string, { n: number; f: number }>();
  for (const [userId, tally] of users) {
    for (const [key, [n, f]] of Object.entries(tally.byCluster)) {
      if (suspect(n, f, test.expectedRate)) {
        suspects.add(cellId(userId, key));
        continue;
      }
      const app = others.get(key) ?? { n: 0, f: 0 };
      app.n += n;
      app.f += f;
      others.set(key, app);
    }
  }
  const found = new Map<string, BrokenCell>();
  if (suspects.size === 0) return found;
  const add = (userId: string, cell: BrokenCell) => {
    const best = found.get(userId);
    if (!best || cell.failures > best.failures || (cell.failures === best.failures && cell.key < best.key))
      found.set(userId, cell);
  };
  const brokenApps = new Set<string>();
  for (const [userId, tally] of users) {
    for (const [key, [n, f]] of Object.entries(tally.byCluster)) {
      if (!suspects.has(cellId(userId, key))) continue;
      const app = others.get(key);
      const appRate = app && app.n > 0 ? app.f / app.n : 0;
      if (!suspect(n, f, Math.max(test.expectedRate, appRate))) continue;
      brokenApps.add(key);
      add(userId, { key, attempts: n, failures: f });
    }
  }
  // Once one phone is shown broken in an app on a platform, another user whose every attempt
  // there failed, repeatedly, has the same break (as with a cluster broken as a whole): naming
  // them at once holds back a wave's broken phones together rather than one look at a time.
  for (const [userId, tally] of users) {
    for (const [key, [n, f]] of Object.entries(tally.byCluster)) {
      if (brokenApps.has(key) && f === n && f >= test.minFailures)
        add(userId, { key, attempts: n, failures: f });
    }
  }
  return found;
}

function cellId(userId: string, key: string): string {
  return `${userId}\n${key}`;
}
