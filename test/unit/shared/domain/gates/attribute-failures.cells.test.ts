import {
  attributeFailures,
  checkHealth,
  clusterKey,
  decideWatch,
  DEFAULT_GATES,
  errorBudget,
  reasonFor,
  type UserTally,
} from "../../../../../shared/domain";
import { countersOfTallies, tallyOf, u } from "../fixtures";

/**
 * The founding story at the size of the seed tenant's sales and finance wave: Contoso Invoicing
 * fails on the iPhones of two users among sixteen iPhone users of it. Over all their attempts
 * the two look like everyone (their Outlook and Teams attempts dilute the failures), and so does
 * the app (its fourteen healthy users dilute it); per user × app on a platform they stand out.
 */
const onPhone = (app: string, platform: string) =>
  clusterKey({ app, clientApp: "Mobile Apps and Desktop clients", platform });
const INVOICING = onPhone("Contoso Invoicing", "Ios");
const INVOICING_ANDROID = onPhone("Contoso Invoicing", "Android");
const TEAMS = onPhone("Microsoft Teams", "Ios");
const OUTLOOK = clusterKey({
  app: "Office 365 Exchange Online",
  clientApp: "Browser",
  platform: "Windows10",
});

const id = u;
const tally = tallyOf;
const counters = countersOfTallies;

/**
 * A wave of 30: users 1..`broken` fail every Invoicing-on-iOS attempt (`attempts` of them), the
 * rest of the 16 iPhone users of the app complete theirs (one in five abandoned one prompt), and
 * 14 Android users; everybody abandons about 3% of their other prompts.
 */
function salesAndFinance(broken: number, attempts = 6, scale = 1): [string, UserTally][] {
  const users: [string, UserTally][] = [];
  for (let i = 1; i <= 30; i++) {
    const abandoned = i % 3 === 0 ? scale : 0;
    const others = {
      [OUTLOOK]: [20 * scale, abandoned] as [number, number],
      [TEAMS]: [10 * scale, 0] as [number, number],
    };
    if (i <= broken) users.push([id(i), tally({ [INVOICING]: [attempts, attempts], ...others })]);
    else if (i <= 16)
      users.push([id(i), tally({ [INVOICING]: [5 * scale, i % 5 === 0 ? 1 : 0], ...others })]);
    else users.push([id(i), tally({ [INVOICING_ANDROID]: [5 * scale, 0], ...others })]);
  }
  return users;
}

/** The seed plan may hold back a fifth of a wave (four of thirty). */
const SEED_PLAN_GATES = { ...DEFAULT_GATES, shrink: { ...DEFAULT_GATES.shrink, maxHeldBackShare: 0.2 } };

/** The same users before enforcement, under report-only: nobody prompted, nobody failing. */
const quiet = (users: [string, UserTally][]) =>
  counters(users.map(([user, t]): [string, UserTally] => [user, tally({ [OUTLOOK]: [t.attempts, 0] })]));

function check(users: [string, UserTally][]) {
  return checkHealth({
    waveUserIds: users.map(([user]) => user),
    current: counters(users),
    baseline: quiet(users),
    gates: SEED_PLAN_GATES,
    state: { bakeComplete: false, extensions: 0, waveSize: users.length, heldBack: 0 },
  });
}

const REASON =
  /^Contoso Invoicing on iOS: 6 of 6 sign-in attempts ended at the MFA prompt \(50074\), none completed$/;

describe("two broken phones among sixteen healthy users of the same app", () => {
  it("holds back exactly the two during the bake, naming the app, iOS and their attempts", () => {
    const result = check(salesAndFinance(2));
    expect(result.systemic.systemic).toBe(false);
    expect(result.decision.decision).toBe("shrink");
    expect(result.decision.holdBack.map((h) => h.userId)).toEqual([id(1), id(2)]);
    for (const h of result.decision.holdBack) expect(h.reason).toMatch(REASON);
    expect(result.attribution.kind).toBe("users");
    expect(result.attribution.metrics.blamedFailureRate).toBe(1);
  });

  it("was missed over all attempts: neither the two users nor the app fail beyond noise as a whole", () => {
    // What the cell test adds: the same wave with the two users' failures spread over their apps
    // (6 failures in 36 attempts, the app 6 of 82) holds nobody back.
    const spread = salesAndFinance(0).map(([user, t], i): [string, UserTally] =>
      i < 2 ? [user, tally({ [INVOICING]: [6, 2], [OUTLOOK]: [20, 2], [TEAMS]: [10, 2] })] : [user, t],
    );
    expect(check(spread).decision.holdBack).toEqual([]);
  });

  it("holds back the same two in the watch, on the bake's counters carried on", () => {
    const users = salesAndFinance(2, 20, 3);
    const decision = decideWatch(check(users));
    expect(decision.action).toBe("holdBack");
    expect(decision.holdBack.map((h) => h.userId)).toEqual([id(1), id(2)]);
    expect(decision.holdBack[0]?.reason).toMatch(/^Contoso Invoicing on iOS: 20 of 20 sign-in attempts/);
  });

  it("still holds back four as the app on iOS (the cluster), exactly those four", () => {
    const result = check(salesAndFinance(4));
    expect(result.decision.decision).toBe("shrink");
    expect(result.attribution.kind).toBe("cluster");
    expect(result.decision.holdBack.map((h) => h.userId)).toEqual([id(1), id(2), id(3), id(4)]);
  });

  describe("with the app on iOS broken as a whole, its healthy users who abandoned a few prompts there", () => {
    const withUser10 = (cell: [number, number]) => {
      const users = salesAndFinance(4);
      const outlook = users[9]?.[1].byCluster[OUTLOOK] ?? [0, 0];
      users[9] = [id(10), tally({ [INVOICING]: cell, [OUTLOOK]: outlook })];
      return check(users).decision.holdBack.map((h) => h.userId);
    };
    it("are not held back with it below the broken rate (2 of 8 abandoned)", () => {
      expect(withUser10([8, 2])).toEqual([id(1), id(2), id(3), id(4)]);
    });
    it("are held back from the broken rate on (4 of 8)", () => {
      expect(withUser10([8, 4])).toEqual([id(1), id(10), id(2), id(3), id(4)].sort());
    });
  });

  it("holds back nobody in the same wave without the broken phones", () => {
    const result = check(salesAndFinance(0));
    expect(result.attribution.holdBack).toEqual([]);
    expect(result.decision.decision).toBe("proceed");
  });

  it("waits while a broken phone has only three attempts there: three could still be noise", () => {
    // 3·ln(0.5/0.04) = 7.6 nats, short of ln(tests/α) ≈ 9.3; a fourth attempt makes 10.1.
    const three = check(salesAndFinance(1, 3));
    expect(three.decision.holdBack).toEqual([]);
    expect(check(salesAndFinance(1, 4)).decision.holdBack.map((h) => h.userId)).toEqual([id(1)]);
  });

  it("does not judge a cell with a single failed attempt", () => {
    expect(check(salesAndFinance(1, 1)).attribution.holdBack).toEqual([]);
  });

  it("holds back no healthy heavy user for a few abandoned prompts in one app", () => {
    const users = salesAndFinance(0);
    users[20] = [id(21), tally({ [OUTLOOK]: [400, 16], [TEAMS]: [15, 3], [INVOICING_ANDROID]: [30, 1] })];
    const result = check(users);
    expect(result.attribution.holdBack).toEqual([]);
    expect(result.decision.decision).not.toBe("shrink");
  });

  it("holds nobody back in an MFA outage that refuses everyone everywhere: a systemic pause", () => {
    const users = salesAndFinance(0).map(([user]): [string, UserTally] => [
      user,
      tally({ [OUTLOOK]: [10, 4], [TEAMS]: [10, 4], [INVOICING_ANDROID]: [10, 4] }, 500121),
    ]);
    const result = check(users);
    expect(result.attribution.holdBack).toEqual([]);
    expect(result.systemic.systemic).toBe(true);
    expect(result.decision).toMatchObject({ decision: "pause", holdBack: [] });
  });
});

describe("the cell test's share of the budget: every cell of the wave is a chance to name someone", () => {
  // User 1 fails 4 of 4 on the app: 4·ln(0.5/0.04) = 10.10 nats, named while ln(tests/α) stays
  // below, i.e. up to e^10.10·α = 325 tests. Tests: each user × app cell, plus each user's
  // attempts over all their apps when they span two or more cells: user 1 and the 14 healthy
  // users of the app have 2 cells (3 tests each, 45), the background users 1 each. Everybody else
  // fails at exactly the expected 4%, so the evidence alone decides.
  const alpha = errorBudget(DEFAULT_GATES.health, DEFAULT_GATES.shrink).holdBack.alpha;
  const maxTests = Math.floor(Math.exp(4 * Math.log(0.5 / 0.04)) * alpha);
  const wave = (background: number) =>
    counters([
      [id(1), tally({ [INVOICING]: [4, 4], [OUTLOOK]: [20, 0] })],
      ...Array.from({ length: 14 }, (_, i): [string, UserTally] => [
        id(2 + i),
        tally({ [INVOICING]: [5, 0], [OUTLOOK]: [20, 1] }),
      ]),
      ...Array.from({ length: background }, (_, i): [string, UserTally] => [
        id(100 + i),
        tally({ [OUTLOOK]: [25, 1] }),
      ]),
    ]);
  const named = (background: number) =>
    attributeFailures({ wave: wave(background), expectedRate: 0.04 }).holdBack.map((h) => h.userId);

  it("is worked out at 325 tests for the default budget", () => {
    expect(maxTests).toBe(325);
  });
  it("names the user at exactly 325 tests", () => {
    expect(named(maxTests - 45)).toEqual([id(1)]);
  });
  it("names nobody at 326", () => {
    expect(named(maxTests - 45 + 1)).toEqual([]);
  });
});

describe("the reason names the cell's error code only where the per-user counts prove it", () => {
  // Codes are kept per user, not per cell: the cell's 4 failed attempts and 3 elsewhere.
  const mixed = (codes: Record<string, number>) => ({
    ...tallyOf({ [INVOICING]: [4, 4], [OUTLOOK]: [20, 3] }),
    failureCodes: codes,
  });
  it("names the top code when all the user's failed attempts are in the cell", () => {
    const tally = {
      ...tallyOf({ [INVOICING]: [4, 4], [OUTLOOK]: [20, 0] }),
      failureCodes: { "50076": 3, "50074": 1 },
    };
    expect(reasonFor(tally, INVOICING)).toBe(
      "Contoso Invoicing on iOS: 4 of 4 sign-in attempts ended at the MFA prompt (50076), none completed",
    );
  });
  it("names a code that holds most of the cell's failures even if every failure elsewhere carried it", () => {
    // 50074 on 7 attempts, at most 3 of them elsewhere: at least 4 of the cell's 4.
    expect(reasonFor(mixed({ "50074": 7 }), INVOICING)).toMatch(/ended at the MFA prompt \(50074\)/);
  });
  it("names no code when the counts cannot tell, but still says the attempts ended at the prompt", () => {
    expect(reasonFor(mixed({ "50074": 4, "50076": 3 }), INVOICING)).toBe(
      "Contoso Invoicing on iOS: 4 of 4 sign-in attempts ended at the MFA prompt, none completed",
    );
  });
  it("says only 'failed MFA' when the user's failures mix prompts and refusals", () => {
    expect(reasonFor(mixed({ "50074": 4, "500121": 3 }), INVOICING)).toBe(
      "Contoso Invoicing on iOS: 4 of 4 sign-in attempts failed MFA, none completed",
    );
  });
});
