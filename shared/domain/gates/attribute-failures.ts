import {
  DEFAULT_ATTRIBUTION,
  MFA_FAILURE_CODES,
  MFA_INTERRUPT_CODES,
  type AttributionThresholds,
} from "../defaults";
import { describeCluster, parseClusterKey } from "../signins/cluster-key";
import type { SignInCounters } from "../signins/sign-in-counters";
import { dominantCode, emptyTally, type UserTally } from "../signins/user-tally";
import { isBrokenBeyondNoise } from "../stats/broken-rate-evidence";
import { DEFAULT_GATES } from "../defaults";
import { brokenCells } from "./broken-cells";
import { errorBudget, type ErrorBudget } from "./error-budget";
import type { HoldBack } from "./gate-result";

export interface AttributionInput {
  /** The wave's sign-ins since enforcement, per user. */
  wave: SignInCounters;
  /** Failure rate expected without the rollout (the wave's baseline or the control's rate). */
  expectedRate: number;
  thresholds?: AttributionThresholds;
  /**
   * The hold-back share of the plan's error budget (errorBudget(...).holdBack): a user is named
   * only on evidence, valid over every look, that their attempts fail at the broken rate rather
   * than at `expectedRate`. Default: the default plan's.
   */
  evidence?: ErrorBudget["holdBack"];
  /**
   * The wave's users already held back, over the same window: their attempts still show which app
   * is broken (so the next user on it is caught at once), but they are not blamed again.
   */
  heldBack?: SignInCounters;
}

export interface AttributionResult {
  /** A few users or one cluster explain the excess: holding them back fixes the wave. */
  concentrated: boolean;
  /** Concentrated, and the blamed sign-ins fail often enough to act even if the wave passes. */
  actionable: boolean;
  kind: "users" | "cluster" | "none";
  holdBack: HoldBack[];
  metrics: {
    excessFailures: number;
    /** Share of the excess explained by the users in `holdBack`. */
    explainedShare: number;
    topCluster: string | null;
    topClusterShare: number;
    /** Failure rate of the blamed users' sign-ins (in the blamed cluster, for a cluster). */
    blamedFailureRate: number;
    /** The wave's most frequent failure code in the window (MFA or service), null without failures. */
    dominantCode: number | null;
  };
}

const DEFAULT_EVIDENCE = errorBudget(DEFAULT_GATES.health, DEFAULT_GATES.shrink).holdBack;

/**
 * Do the wave's excess failures concentrate? Two shapes count: a small set of users (their
 * phones, their authenticator) or one app × client × platform cluster (one app on iOS). Either
 * way the answer names the users and says, per user, which app on which platform failed.
 */
export function attributeFailures(input: AttributionInput): AttributionResult {
  const t = input.thresholds ?? DEFAULT_ATTRIBUTION;
  const rate = input.expectedRate;
  const users = Object.entries(input.wave.users);
  const excessOf = (n: number, f: number) => Math.max(0, f - rate * n);
  // The wave's net excess: summing each user's excess above zero instead would grow with every
  // user's everyday noise, until no real cluster could carry "most" of it.
  const totalExcess = users.reduce((sum, [, tally]) => sum + tally.failures - rate * tally.attempts, 0);
  const waveCode = dominantCodeOf(users.map(([, tally]) => tally));
  const none = (topCluster: string | null = null, topClusterShare = 0): AttributionResult => ({
    concentrated: false,
    actionable: false,
    kind: "none",
    holdBack: [],
    metrics: {
      excessFailures: totalExcess,
      explainedShare: 0,
      topCluster,
      topClusterShare,
      blamedFailureRate: 0,
      dominantCode: waveCode,
    },
  });

  const evidence = input.evidence ?? DEFAULT_EVIDENCE;
  // Every test that could name someone for noise shares the budget (Bonferroni): each user × app
  // cell, and each user's attempts over all their apps when these span more than one cell.
  const candidates = Math.max(
    1,
    users.reduce((sum, [, tally]) => {
      const cells = Object.keys(tally.byCluster).length;
      return sum + (cells > 1 ? cells + 1 : 1);
    }, 0),
  );
  const brokenAt = (n: number, f: number, baseRate: number) =>
    isBrokenBeyondNoise(n, f, {
      baseRate,
      brokenRate: evidence.brokenRate,
      alpha: evidence.alpha,
      candidates,
    });
  const broken = ([n, f]: readonly [number, number]) => brokenAt(n, f, rate);

  // By users: every user with repeated excess failures, over all their attempts or in one app on
  // one platform (broken-cells.ts). Taking all of them (not the top few) keeps the choice from
  // being arbitrary when many users fail alike: then it is not a few users.
  const cells = brokenCells(users, { expectedRate: rate, minFailures: t.minUserFailures, broken: brokenAt });
  // What a user is blamed for: the cell that fails them, or (failures spread over their apps) all
  // their attempts.
  const blamedCounts = (id: string, tally: UserTally): [number, number] => {
    const cell = cells.get(id);
    return cell ? [cell.attempts, cell.failures] : [tally.attempts, tally.failures];
  };
  // Holding a user back takes all their attempts out of the wave, so they explain their whole
  // excess, and at least their cell's: a heavy user's clean attempts elsewhere do not cancel it.
  const blamedExcess = (id: string, tally: UserTally) =>
    Math.max(excessOf(tally.attempts, tally.failures), excessOf(...blamedCounts(id, tally)));
  const byUsers = users
    .filter(
      ([id, tally]) =>
        cells.has(id) ||
        (tally.failures >= t.minUserFailures &&
          excessOf(tally.attempts, tally.failures) > 0 &&
          broken([tally.attempts, tally.failures])),
    )
    .map(([userId]) => userId);
  const covered = byUsers.reduce((sum, id) => sum + blamedExcess(id, input.wave.users[id] as UserTally), 0);
  const usersExplain =
    byUsers.length > 0 && covered >= t.minShareOfExcess * totalExcess && byUsers.length <= t.maxUsers;

  // By cluster: one app × client × platform carrying the excess.
  const clusters = new Map<string, { n: number; f: number }>();
  for (const tally of [...users.map(([, t]) => t), ...Object.values(input.heldBack?.users ?? {})]) {
    for (const [key, [n, f]] of Object.entries(tally.byCluster)) {
      const cell = clusters.get(key) ?? { n: 0, f: 0 };
      cell.n += n;
      cell.f += f;
      clusters.set(key, cell);
    }
  }
  let top: { key: string; excess: number } | null = null;
  for (const [key, cell] of [...clusters].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const excess = excessOf(cell.n, cell.f);
    if (!top || excess > top.excess) top = { key, excess };
  }
  const topShare = top ? shareOf(top.excess, totalExcess) : 0;
  // Once the cluster's attempts, pooled over its users, fail beyond noise, a user whose every
  // sign-in there failed is blamed too, even once: the phone that opened the app once is as broken
  // as the one that opened it five times. Pooling lets four light users show it together. A user
  // there who completes most attempts is not broken: two abandoned prompts in eight are everyday
  // noise, so repeated failures count from the broken rate on (or once their cell shows it).
  const inTop = (tally: UserTally): [number, number] => (top ? (tally.byCluster[top.key] ?? [0, 0]) : [0, 0]);
  const topCell = top ? clusters.get(top.key) : undefined;
  const clusterBroken =
    topCell !== undefined && topCell.f >= t.minUserFailures && broken([topCell.n, topCell.f]);
  const clusterUsers = !clusterBroken
    ? []
    : users
        .filter(([id, tally]) => {
          const [n, f] = inTop(tally);
          const atBrokenRate = f >= t.minUserFailures && f >= evidence.brokenRate * n;
          return atBrokenRate || (f > 0 && f === n) || cells.get(id)?.key === top?.key;
        })
        .map(([id]) => id);
  const clusterExplains =
    top !== null &&
    topShare >= t.minShareOfExcess &&
    clusterUsers.length > 0 &&
    clusterUsers.length <= t.maxUsers;

  // The cluster is the sharper diagnosis whenever it covers every user the per-user view blames.
  const pickCluster = clusterExplains && (!usersExplain || byUsers.every((id) => clusterUsers.includes(id)));
  if (!pickCluster && !usersExplain) return none(top?.key ?? null, topShare);

  const chosen = (pickCluster ? clusterUsers : byUsers).sort();
  const tallies = new Map(users);
  const where = (id: string, tally: UserTally) =>
    pickCluster && top ? top.key : (cells.get(id)?.key ?? worstCluster(tally));
  const holdBack = chosen.map((userId) => {
    const tally = tallies.get(userId) as UserTally;
    return { userId, reason: reasonFor(tally, where(userId, tally)) };
  });
  const explained = chosen.reduce((sum, id) => {
    const tally = tallies.get(id) as UserTally;
    return sum + (pickCluster ? excessOf(tally.attempts, tally.failures) : blamedExcess(id, tally));
  }, 0);
  const blamed = chosen.reduce(
    (sum, id) => {
      const tally = tallies.get(id) as UserTally;
      const [n, f] = pickCluster && top ? (tally.byCluster[top.key] ?? [0, 0]) : blamedCounts(id, tally);
      return { n: sum.n + n, f: sum.f + f };
    },
    { n: 0, f: 0 },
  );
  const blamedFailureRate = blamed.n === 0 ? 0 : blamed.f / blamed.n;
  return {
    concentrated: true,
    actionable: blamedFailureRate >= t.minBlamedFailureRate,
    kind: pickCluster ? "cluster" : "users",
    holdBack,
    metrics: {
      excessFailures: totalExcess,
      explainedShare: shareOf(explained, totalExcess),
      topCluster: top?.key ?? null,
      topClusterShare: topShare,
      blamedFailureRate,
      dominantCode: waveCode,
    },
  };
}

/** Share of the excess `part` explains; all of it when noise has cancelled the rest out. */
function shareOf(part: number, whole: number): number {
  if (part <= 0) return 0;
  return whole <= part ? 1 : part / whole;
}

/** Which error the wave's failures mostly carry: names an outage ("error 500121") in a pause reason. */
function dominantCodeOf(tallies: readonly UserTally[]): number | null {
  const codes: Record<string, number> = {};
  for (const tally of tallies) {
    for (const [code, count] of Object.entries(tally.failureCodes)) codes[code] = (codes[code] ?? 0) + count;
  }
  return dominantCode({ ...emptyTally(), failureCodes: codes });
}

function worstCluster(tally: UserTally): string {
  const cells = Object.entries(tally.byCluster).sort(([a, x], [b, y]) => y[1] - x[1] || (a < b ? -1 : 1));
  return cells[0]?.[0] ?? "unknown app | unknown client | unknown platform";
}

/**
 * "Contoso Invoicing on iOS: 3 of 3 sign-in attempts ended at the MFA prompt (50074), none
 * completed", or "... failed MFA (error 500121), 2 completed": what the user's attempts in the
 * cluster came to, named by the code they most often ended on there.
 */
export function reasonFor(tally: UserTally, key: string): string {
  const cell = tally.byCluster[key];
  const [n, f] = cell ?? [tally.attempts, tally.failures];
  const code = cellCode(tally, cell ? tally.failures - f : 0);
  const interruptsOnly = Object.keys(tally.failureCodes)
    .map(Number)
    .filter((c) => MFA_FAILURE_CODES.includes(c))
    .every((c) => MFA_INTERRUPT_CODES.includes(c));
  const how =
    code !== null
      ? MFA_INTERRUPT_CODES.includes(code)
        ? `ended at the MFA prompt (${code})`
        : `failed MFA (error ${code})`
      : interruptsOnly && dominantCode(tally, MFA_FAILURE_CODES) !== null
        ? "ended at the MFA prompt"
        : "failed MFA";
  const completed = n - f === 0 ? "none completed" : `${n - f} completed`;
  return `${describeCluster(parseClusterKey(key))}: ${f} of ${n} sign-in attempts ${how}, ${completed}`;
}

/**
 * The code the cell's failed attempts mostly ended on, where the counts prove it: codes are kept
 * per user, not per cell, so with `outside` failed attempts in the user's other cells a code is
 * named only when all their failures are in the cell, or when, even if every outside failure
 * carried it, it still holds most of the cell's failures.
 */
function cellCode(tally: UserTally, outside: number): number | null {
  if (outside <= 0) return dominantCode(tally, MFA_FAILURE_CODES);
  const inCell = tally.failures - outside;
  for (const code of MFA_FAILURE_CODES) {
    if ((tally.failureCodes[String(code)] ?? 0) - outside > inCell / 2) return code;
  }
  return null;
}
