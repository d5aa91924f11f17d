import {
  attributeFailures,
  checkHealth,
  clusterKey,
  DEFAULT_GATES,
  emptySummary,
  errorBudget,
  evaluateHealth,
  summarize,
  type TallySummary,
  type UserTally,
} from "../../../../../shared/domain";
import { countersOfTallies, tallyOf } from "../fixtures";

const APP = clusterKey({ app: "Office 365 Exchange Online", clientApp: "Browser", platform: "Windows10" });
const INVOICING = clusterKey({
  app: "Contoso Invoicing",
  clientApp: "Mobile Apps and Desktop clients",
  platform: "Ios",
});

function id(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
}

/** A user's tally: `cells` maps app key → [attempts, failed attempts] (failures end on 50074). */
const tally = (cells: Record<string, [number, number]>) => tallyOf(cells);
const counters = countersOfTallies;

/** A summary built by hand has no per-user spread: its attempts count as independent. */
function plain(signIns: number, failures: number): TallySummary {
  return { ...emptySummary(), users: 1, signIns, failures };
}

// The limit these cases are worked out against (the default is 5%: see defaults.ts).
const health = { ...DEFAULT_GATES.health, maxExcessFailureRate: 0.02 };

describe("error budget", () => {
  it("spends a third of maxFalseAlarmRate on each check that can stop or shrink a wave, the hold-backs sharing theirs with the spread check", () => {
    const budget = errorBudget(
      { maxFalseAlarmRate: 0.06, tightestAtAttempts: 500 },
      { brokenFailureRate: 0.4 },
    );
    expect(budget).toMatchObject({
      health: { alpha: 0.02, tightestAt: 500 },
      systemic: { alpha: 0.02, tightestAt: 500 },
      holdBack: { brokenRate: 0.4 },
    });
    expect(budget.holdBack.alpha).toBeCloseTo(0.016, 12);
    expect(budget.spread.alpha).toBeCloseTo(0.004, 12);
    expect(
      budget.health.alpha + budget.systemic.alpha + budget.holdBack.alpha + budget.spread.alpha,
    ).toBeCloseTo(0.06, 12);
  });
});

describe("health gate: Fail holds over the whole bake", () => {
  const at = (failures: number, thresholds = health) =>
    evaluateHealth({
      wave: { current: plain(2000, failures), baseline: plain(2000, 40) },
      thresholds,
      bakeComplete: false,
    }).verdict;

  it("needs the always-valid lower bound above the limit: 123 of 2000 against 2% fails, 122 does not", () => {
    expect(at(123)).toBe("Fail");
    expect(at(122)).not.toBe("Fail");
  });

  it("no longer fails where a single look's 95% bound would (99 of 2000), so 28 looks do not add up", () => {
    expect(at(99)).toBe("Pending");
  });

  it("fails sooner with a larger false-alarm budget", () => {
    expect(at(111, { ...health, maxFalseAlarmRate: 0.5 })).toBe("Fail");
    expect(at(110, { ...health, maxFalseAlarmRate: 0.5 })).toBe("Pending");
    expect(at(111)).toBe("Pending");
  });

  it("says in the reason that the bound holds over the whole bake", () => {
    const result = evaluateHealth({
      wave: { current: plain(2000, 200), baseline: plain(2000, 40) },
      thresholds: health,
      bakeComplete: false,
    });
    expect(result.reasons[1]).toMatch(
      /^excess over its baseline 8% \(at least [\d.]+% with 98.3% confidence over the whole bake\)$/,
    );
    expect(result.metrics.alwaysValidVsBaseline?.lower).toBeGreaterThan(0.02);
  });
});

describe("health gate: one user's attempts hang together", () => {
  const others = (count: number, cells: Record<string, [number, number]>) =>
    Array.from({ length: count }, (_, i): [string, UserTally] => [id(i + 2), tally(cells)]);
  const baseline = counters([[id(1), tally({ [APP]: [100, 4] })], ...others(14, { [APP]: [100, 4] })]);

  it("a heavy user failing half their attempts does not fail the wave alone, and is held back", () => {
    const current = counters([[id(1), tally({ [APP]: [200, 100] })], ...others(14, { [APP]: [20, 0] })]);
    const wave = { current: summarize(current), baseline: summarize(baseline) };
    const result = evaluateHealth({ wave, thresholds: health, bakeComplete: false });
    expect(result.verdict).not.toBe("Fail");
    expect(result.metrics.designEffect.wave).toBeGreaterThan(40);
    // Counted as 480 independent attempts, the same numbers fail the wave:
    expect(
      evaluateHealth({
        wave: { current: plain(480, 100), baseline: plain(1500, 60) },
        thresholds: health,
        bakeComplete: false,
      }).verdict,
    ).toBe("Fail");

    const check = checkHealth({
      waveUserIds: [id(1), ...others(14, {}).map(([u]) => u)],
      controlUserIds: [],
      current,
      baseline,
      gates: DEFAULT_GATES,
      state: { bakeComplete: false, extensions: 0, waveSize: 15, heldBack: 0 },
    });
    expect(check.decision.decision).toBe("shrink");
    expect(check.decision.holdBack.map((h) => h.userId)).toEqual([id(1)]);
  });

  it("a heavy user with thousands of clean attempts does not make a failing wave pass", () => {
    // 14 of 15 users fail 15% of attempts (4% before); one user's 3000 clean-ish attempts hide it in the pooled rate.
    const current = counters([[id(1), tally({ [APP]: [3000, 120] })], ...others(14, { [APP]: [20, 3] })]);
    const wave = { current: summarize(current), baseline: { ...summarize(baseline) } };
    expect(evaluateHealth({ wave, thresholds: health, bakeComplete: true }).verdict).not.toBe("Pass");
    expect(
      evaluateHealth({
        wave: { current: plain(3280, 162), baseline: plain(1500, 60) },
        thresholds: health,
        bakeComplete: true,
      }).verdict,
    ).toBe("Pass");
  });
});

describe("attribution: nobody is held back for noise, a broken app still is", () => {
  const noise: [string, UserTally][] = [
    [id(10), tally({ [APP]: [3, 2] })],
    [id(11), tally({ [APP]: [20, 3] })],
    [id(12), tally({ [APP]: [300, 12] })],
    [id(13), tally({ [INVOICING]: [2, 2], [APP]: [10, 0] })],
    ...Array.from({ length: 32 }, (_, i): [string, UserTally] => [id(20 + i), tally({ [APP]: [25, 1] })]),
  ];

  it("holds back nobody for a few unlucky users at a 4% base rate (2 of 3, 3 of 20, 2 of 2 on an app)", () => {
    const result = attributeFailures({ wave: counters(noise), expectedRate: 0.04 });
    expect(result.holdBack).toEqual([]);
    expect(result.actionable).toBe(false);
  });

  // Everyone else exactly at the base rate, so only the evidence about the four decides.
  const background = noise.filter(([user]) => user >= id(12));
  it("measures noise against the wave's own rate when the report-only baseline never prompted anyone", () => {
    // Baseline without prompts, so no failures; under enforcement everyone abandons about 4%.
    const quiet = noise.map(([user, t]): [string, UserTally] => [user, tally({ [APP]: [t.attempts, 0] })]);
    const check = checkHealth({
      waveUserIds: noise.map(([user]) => user),
      current: counters(noise),
      baseline: counters(quiet),
      gates: DEFAULT_GATES,
      state: { bakeComplete: false, extensions: 0, waveSize: noise.length, heldBack: 0 },
    });
    expect(check.attribution.holdBack).toEqual([]);
    expect(check.decision.decision).not.toBe("shrink");
  });

  const broken = (attempts: number): [string, UserTally][] => [
    ...Array.from({ length: 4 }, (_, i): [string, UserTally] => [
      id(1 + i),
      tally({ [INVOICING]: [attempts, attempts], [APP]: [20, 1] }),
    ]),
    ...background.filter(([user]) => user !== id(13)),
  ];

  it("holds back exactly the 4 users whose app ends every attempt at the prompt, naming app, iOS and the attempts", () => {
    const result = attributeFailures({ wave: counters(broken(4)), expectedRate: 0.04 });
    expect(result.kind).toBe("cluster");
    expect(result.actionable).toBe(true);
    expect(result.holdBack.map((h) => h.userId)).toEqual([id(1), id(2), id(3), id(4)]);
    expect(result.holdBack[0]?.reason).toMatch(/Contoso Invoicing.*iOS.*4 of 4/);
  });

  it("waits for a fourth failed attempt when one user alone is on the app: three could still be noise", () => {
    const one = broken(3).filter(([user]) => user === id(1) || user > id(4));
    expect(attributeFailures({ wave: counters(one), expectedRate: 0.04 }).holdBack).toEqual([]);
    const four = broken(4).filter(([user]) => user === id(1) || user > id(4));
    expect(
      attributeFailures({ wave: counters(four), expectedRate: 0.04 }).holdBack.map((h) => h.userId),
    ).toEqual([id(1)]);
  });

  it("pools the app's attempts over its users: four users who each failed once show it broken together", () => {
    const result = attributeFailures({ wave: counters(broken(1)), expectedRate: 0.04 });
    expect(result.holdBack.map((h) => h.userId)).toEqual([id(1), id(2), id(3), id(4)]);
    const three = broken(1).filter(([user]) => user !== id(4));
    expect(attributeFailures({ wave: counters(three), expectedRate: 0.04 }).holdBack).toEqual([]);
  });

  it("still learns from users already held back, without blaming them again", () => {
    const [first, ...rest] = broken(1);
    const heldBack = counters([[id(5), tally({ [INVOICING]: [3, 3] })]]);
    const result = attributeFailures({ wave: counters(rest), expectedRate: 0.04, heldBack });
    expect(result.holdBack.map((h) => h.userId)).toEqual([id(2), id(3), id(4)]);
    expect(first?.[0]).toBe(id(1));
  });

  it("takes the broken rate and the budget from the plan", () => {
    const evidence = errorBudget(health, { brokenFailureRate: 0.9 }).holdBack;
    const two = broken(3).filter(([user]) => user === id(1) || user > id(4));
    expect(attributeFailures({ wave: counters(two), expectedRate: 0.04 }).holdBack).toEqual([]);
    expect(attributeFailures({ wave: counters(two), expectedRate: 0.04, evidence }).holdBack).toHaveLength(1);
  });
});
