import { MFA_TERMINAL_CODES } from "../defaults";
import type { SignInCounters } from "../signins/sign-in-counters";
import { dominantCode, emptyTally, type UserTally } from "../signins/user-tally";
import { clusterMomentsOf, effectiveProportion } from "../stats/cluster-robust";

/**
 * How the wave's failed attempts are spread: over its users and over its app × client × platform
 * clusters, and how many of them ended on a terminal code (500121, 53003, ...) rather than on a
 * prompt nothing completed. A broken app is concentrated: one cluster, its few users, attempts
 * that end on the prompt. An MFA-provider outage is spread: every prompted user, every cluster,
 * attempts that end on the provider's refusal.
 */
export interface FailureSpread {
  attempts: number;
  /** Failed attempts that ended on a terminal code. */
  terminalFailures: number;
  /** The same two counts divided by the design effect of users as clusters (one user's attempts are correlated). */
  effective: { attempts: number; terminalFailures: number };
  usersWithTerminalFailures: number;
  /** The most terminal failures of one user. */
  maxTerminalFailuresOfOneUser: number;
  /** Failed attempts of any MFA code, and how many of them the worst app × client × platform holds. */
  failures: number;
  maxFailuresOfOneCluster: number;
  clustersWithFailures: number;
  /** The terminal code most failed attempts ended on, or null. */
  code: number | null;
}

export function failureSpread(counters: SignInCounters): FailureSpread {
  const perUser: [number, number][] = [];
  const clusters = new Map<string, number>();
  const codes: Record<string, number> = {};
  let attempts = 0;
  let terminalFailures = 0;
  let usersWithTerminalFailures = 0;
  let maxTerminalFailuresOfOneUser = 0;
  let failures = 0;
  for (const tally of Object.values(counters.users)) {
    if (tally.attempts === 0) continue;
    const terminal = terminalOf(tally, codes);
    perUser.push([tally.attempts, terminal]);
    attempts += tally.attempts;
    terminalFailures += terminal;
    failures += tally.failures;
    if (terminal > 0) usersWithTerminalFailures += 1;
    maxTerminalFailuresOfOneUser = Math.max(maxTerminalFailuresOfOneUser, terminal);
    for (const [key, [, failed]] of Object.entries(tally.byCluster)) {
      if (failed > 0) clusters.set(key, (clusters.get(key) ?? 0) + failed);
    }
  }
  const effective = effectiveProportion(clusterMomentsOf(perUser));
  return {
    attempts,
    terminalFailures,
    effective: { attempts: effective.n, terminalFailures: effective.x },
    usersWithTerminalFailures,
    maxTerminalFailuresOfOneUser,
    failures,
    maxFailuresOfOneCluster: Math.max(0, ...clusters.values()),
    clustersWithFailures: clusters.size,
    code: dominantCode({ ...emptyTally(), failureCodes: codes }),
  };
}

function terminalOf(tally: UserTally, codes: Record<string, number>): number {
  let terminal = 0;
  for (const code of MFA_TERMINAL_CODES) {
    const count = tally.failureCodes[code] ?? 0;
    if (count === 0) continue;
    terminal += count;
    codes[code] = (codes[code] ?? 0) + count;
  }
  return terminal;
}

export interface SpreadTest {
  /** The rate the wave may fail at without a verdict against it: its baseline plus the allowed excess. */
  allowedRate: number;
  /** The rate that means "broken" (shrink.brokenFailureRate). */
  brokenRate: number;
  /** This check's share of the systemic error budget. */
  alpha: number;
  /** Spread over at least this many users ... */
  minUsers: number;
  /** ... no user, and no app × client × platform, holding more than this share of the failures. */
  maxShareOfOne: number;
}

/**
 * Is the wave failing, on terminal codes, at the broken rate rather than the allowed one, and is it
 * spread? The evidence is Wald's likelihood ratio on the effective counts (users as clusters), a
 * supermartingale under any rate up to the allowed one, so by Ville's inequality it reaches 1/α
 * with probability at most α at any look: a few dozen attempts of which a third fail are enough,
 * where a normal-approximation bound would still straddle zero.
 */
export function isSpreadFailure(spread: FailureSpread, test: SpreadTest): boolean {
  if (!(test.allowedRate < test.brokenRate) || spread.terminalFailures === 0) return false;
  const { attempts: n, terminalFailures: x } = spread.effective;
  const evidence =
    x * Math.log(test.brokenRate / test.allowedRate) +
    (n - x) * Math.log((1 - test.brokenRate) / (1 - test.allowedRate));
  const spreadOverUsers =
    spread.usersWithTerminalFailures >= test.minUsers &&
    spread.maxTerminalFailuresOfOneUser <= test.maxShareOfOne * spread.terminalFailures;
  const spreadOverClusters =
    spread.clustersWithFailures >= 2 &&
    spread.maxFailuresOfOneCluster <= test.maxShareOfOne * spread.failures;
  return evidence >= Math.log(1 / test.alpha) && spreadOverUsers && spreadOverClusters;
}
