import {
  checkHealth,
  clusterKey,
  DEFAULT_GATES,
  emptyTally,
  type GateThresholds,
  type SignInCounters,
  type UserTally,
} from "../../../../../../shared/domain";
import { seededRandom, type Random } from "./seeded-random";

/**
 * A whole bake, look by look, through the production gate path (checkHealth), on sign-in
 * attempts drawn the way a tenant produces them: everybody abandons a few % of MFA prompts, some
 * users sign in far more than others, and some users are more careless than others. Pure and
 * seeded: the same options give the same counts on every run, so a test on them cannot flake.
 */
export interface BakeScenario {
  waveSize: number;
  /** Users not yet enforced (later waves): the control cohort. */
  controlSize: number;
  observeDays: number;
  bakeDays: number;
  lookEveryHours: number;
  /** Mean share of attempts that end at the prompt (abandoned), for everybody, before and after. */
  baseRate: number;
  /** Attempts per user per day: log-normal, heavy-tailed (sigma 1: the top 5% sign in 5× the median). */
  medianAttemptsPerDay: number;
  attemptsSigma: number;
  /** Users' own abandon rates are baseRate × Gamma(k)/k: k = 4 gives a 50% spread between users. */
  propensityShape: number;
  /**
   * How often a user not (or not yet) enforced abandons, relative to enforced: report-only
   * prompts nobody, so only other policies' prompts can be abandoned. 1 (default): as often.
   */
  unenforcedAbandonFactor?: number;
  /**
   * The first `users` of the wave use an app whose every attempt ends at the prompt once enforced;
   * the next `healthyUsers` use the same app on the same platform as much, and it works for them.
   */
  brokenApp?: { users: number; shareOfAttempts: number; healthyUsers?: number };
  /** Every prompted attempt fails with 500121 for `hours` from `startHour` of the bake. */
  outage?: { startHour: number; hours: number; waveShare: number; controlShare: number };
  gates?: GateThresholds;
}

export const REALISTIC: Omit<BakeScenario, "waveSize" | "controlSize"> = {
  observeDays: 3,
  bakeDays: 7,
  lookEveryHours: 6,
  baseRate: 0.04,
  medianAttemptsPerDay: 4,
  attemptsSigma: 1,
  propensityShape: 4,
};

export type BakeEnd = "passed" | "systemicPause" | "failPause" | "noVerdictPause" | "shrinkPause";

export interface BakeResult {
  end: BakeEnd;
  /** Users held back during the bake, in order. */
  heldBack: string[];
  /** Users it is broken for with at least one attempt on it since enforcement (the ones that can be caught). */
  usedBrokenApp: string[];
  looks: number;
}

const APPS = [
  clusterKey({ app: "Office 365 Exchange Online", clientApp: "Browser", platform: "Windows10" }),
  clusterKey({ app: "Microsoft Teams", clientApp: "Mobile Apps and Desktop clients", platform: "Android" }),
];
export const BROKEN_APP = clusterKey({
  app: "Contoso Invoicing",
  clientApp: "Mobile Apps and Desktop clients",
  platform: "Ios",
});

interface SimUser {
  id: string;
  perLook: number;
  abandonRate: number;
  /** Share of this user's attempts on the broken app (0: none). */
  brokenShare: number;
  /** Whether the app fails this user's attempts once enforced (false: it works for them). */
  broken: boolean;
}

export function userId(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
}

export function simulateBake(
  scenario: BakeScenario,
  seed: number,
  onLook?: (look: number, check: ReturnType<typeof checkHealth>) => void,
): BakeResult {
  const random = seededRandom(seed);
  const gates = scenario.gates ?? DEFAULT_GATES;
  const looksPerDay = 24 / scenario.lookEveryHours;
  const unenforcedFactor = scenario.unenforcedAbandonFactor ?? 1;
  const users: SimUser[] = Array.from({ length: scenario.waveSize + scenario.controlSize }, (_, i) => ({
    id: userId(i + 1),
    perLook: random.logNormal(scenario.medianAttemptsPerDay, scenario.attemptsSigma) / looksPerDay,
    abandonRate: Math.min(1, scenario.baseRate * random.erlangMeanOne(scenario.propensityShape)),
    brokenShare:
      i < (scenario.brokenApp?.users ?? 0) + (scenario.brokenApp?.healthyUsers ?? 0)
        ? (scenario.brokenApp?.shareOfAttempts ?? 0)
        : 0,
    broken: i < (scenario.brokenApp?.users ?? 0),
  }));
  const wave = users.slice(0, scenario.waveSize);
  const brokenIds = new Set(users.filter((u) => u.broken).map((u) => u.id));
  const control = users.slice(scenario.waveSize);

  const baseline = counters();
  for (let look = 0; look < scenario.observeDays * looksPerDay; look++) {
    for (const user of users)
      addAttempts(baseline, user, random, { enforced: false, failShare: 0, unenforcedFactor });
  }

  const current = counters();
  const active = new Set(wave.map((u) => u.id));
  const heldBack: string[] = [];
  let extensions = 0;
  let bakeLooks = scenario.bakeDays * looksPerDay;
  for (let look = 1; ; look++) {
    const hour = look * scenario.lookEveryHours;
    const outage = scenario.outage;
    const inOutage = (share: number) =>
      outage && hour > outage.startHour && hour - scenario.lookEveryHours < outage.startHour + outage.hours
        ? share
        : 0;
    for (const user of wave) {
      // A held-back user is back under report-only: the broken app works for them again.
      const enforced = active.has(user.id);
      const share = enforced ? (outage?.waveShare ?? 0) : (outage?.controlShare ?? 0);
      addAttempts(current, user, random, { enforced, failShare: inOutage(share), unenforcedFactor });
    }
    for (const user of control) {
      addAttempts(current, user, random, {
        enforced: false,
        failShare: inOutage(outage?.controlShare ?? 0),
        unenforcedFactor,
      });
    }
    const bakeComplete = look >= bakeLooks;
    const check = checkHealth({
      waveUserIds: [...active],
      heldBackUserIds: heldBack,
      controlUserIds: control.map((u) => u.id),
      current,
      baseline,
      gates,
      state: { bakeComplete, extensions, waveSize: wave.length, heldBack: heldBack.length },
    });
    onLook?.(look, check);
    const { decision, systemic, health } = check;
    switch (decision.decision) {
      case "proceed":
        if (bakeComplete)
          return { end: "passed", heldBack, usedBrokenApp: usedBrokenApp(current, brokenIds), looks: look };
        break;
      case "extend":
        extensions += 1;
        bakeLooks = look + looksPerDay;
        break;
      case "shrink":
        for (const h of decision.holdBack) {
          active.delete(h.userId);
          heldBack.push(h.userId);
        }
        if (bakeComplete) bakeLooks = look + 1;
        break;
      case "pause":
      case "stepBack": {
        const end: BakeEnd = systemic.systemic
          ? "systemicPause"
          : health.verdict === "Fail"
            ? "failPause"
            : decision.reason.startsWith("still no verdict")
              ? "noVerdictPause"
              : "shrinkPause";
        return { end, heldBack, usedBrokenApp: usedBrokenApp(current, brokenIds), looks: look };
      }
    }
  }
}

function usedBrokenApp(current: SignInCounters, broken: ReadonlySet<string>): string[] {
  return Object.entries(current.users)
    .filter(([id, tally]) => broken.has(id) && (tally.byCluster[BROKEN_APP]?.[0] ?? 0) > 0)
    .map(([id]) => id)
    .sort();
}

function counters(): SignInCounters {
  return { v: 1, policyId: null, users: {}, skipped: 0 };
}

/** One look's attempts of one user: abandoned prompts at the user's rate, a broken app, an outage. */
function addAttempts(
  into: SignInCounters,
  user: SimUser,
  random: Random,
  now: { enforced: boolean; failShare: number; unenforcedFactor: number },
): void {
  const attempts = random.poisson(user.perLook);
  if (attempts === 0) return;
  const tally = (into.users[user.id] ??= emptyTally());
  for (let i = 0; i < attempts; i++) {
    const onBrokenApp = user.brokenShare > 0 && random.next() < user.brokenShare;
    const key = onBrokenApp ? BROKEN_APP : (APPS[random.next() < 0.6 ? 0 : 1] as string);
    let code: number | null = null;
    if (onBrokenApp && user.broken && now.enforced) code = 50074;
    else if (random.next() < now.failShare) code = 500121;
    else if (random.next() < user.abandonRate * (now.enforced ? 1 : now.unenforcedFactor)) code = 50074;
    count(tally, key, code);
  }
}

function count(tally: UserTally, key: string, code: number | null): void {
  const cell = (tally.byCluster[key] ??= [0, 0]);
  tally.attempts += 1;
  cell[0] += 1;
  if (code === null) return;
  tally.failures += 1;
  cell[1] += 1;
  tally.failureCodes[code] = (tally.failureCodes[code] ?? 0) + 1;
}

export interface BakeTally {
  bakes: number;
  ends: Record<BakeEnd, number>;
  /** Bakes in which anyone was held back. */
  withHoldBacks: number;
}

/** `bakes` bakes of one scenario, seeds `firstSeed`, `firstSeed + 1`, … */
export function simulateBakes(scenario: BakeScenario, bakes: number, firstSeed: number): BakeTally {
  const ends: Record<BakeEnd, number> = {
    passed: 0,
    systemicPause: 0,
    failPause: 0,
    noVerdictPause: 0,
    shrinkPause: 0,
  };
  let withHoldBacks = 0;
  for (let i = 0; i < bakes; i++) {
    const result = simulateBake(scenario, firstSeed + i);
    ends[result.end] += 1;
    if (result.heldBack.length > 0) withHoldBacks += 1;
  }
  return { bakes, ends, withHoldBacks };
}
