import { DEFAULT_GATES, wilsonInterval, twoSidedZ } from "../../../../../../shared/domain";
import { BROKEN_APP, simulateBake, simulateBakes, userId } from "./bake-simulation";
import { ERROR_RATE_CASES, type ErrorRateCase } from "./error-rate-cases";

/**
 * The defaults' error rates over whole bakes (28 looks, extensions included) on realistic noise:
 * 3–5% of attempts abandoned at the prompt by everybody, heavy-tailed attempts per user, users
 * who differ in carelessness. Seeded: the counts below are the same on every run.
 * More bakes, and the table in docs/SIGN-IN-EVIDENCE.md:
 *   npx ts-node --transpile-only test/unit/shared/domain/gates/simulation/print-error-rates.ts 1000
 */
const BAKES = 60;
const bound = DEFAULT_GATES.health.maxFalseAlarmRate;
const byName = (prefix: string) => ERROR_RATE_CASES.filter((c) => c.name.startsWith(prefix));
const only = (prefix: string) => byName(prefix)[0] as ErrorRateCase;

describe("false alarms over a whole bake (seeded simulation)", () => {
  const clean = byName("clean").map((c) => ({ c, t: simulateBakes(c.scenario, BAKES, c.firstSeed) }));
  const alarms = (t: (typeof clean)[number]["t"]) =>
    t.ends.systemicPause + t.ends.failPause + t.ends.shrinkPause + t.withHoldBacks;

  it.each(clean.map(({ c, t }) => [c.name, t] as const))(
    "%s: paused by an alarm or anyone held back in at most 5% of bakes",
    (_name, t) => {
      expect(t.bakes).toBe(BAKES);
      expect(alarms(t) / t.bakes).toBeLessThanOrEqual(bound);
    },
  );

  it("stays below maxFalseAlarmRate across all clean waves, with 95% confidence in the estimate", () => {
    const total = clean.reduce((sum, { t }) => sum + t.bakes, 0);
    const alarmed = clean.reduce((sum, { t }) => sum + alarms(t), 0);
    expect(wilsonInterval(alarmed, total, twoSidedZ(0.9)).upper).toBeLessThan(bound);
  });
});

describe("power on the same noise", () => {
  /** Bakes in which everyone it is broken for who used the app was held back, and bakes with an alarm or anyone else held back. */
  function power(c: ErrorRateCase, brokenUsers: number): { caught: number; alarmed: number } {
    const broken = Array.from({ length: brokenUsers }, (_, i) => userId(i + 1));
    let caught = 0;
    let alarmed = 0;
    for (let i = 0; i < BAKES; i++) {
      const result = simulateBake(c.scenario, c.firstSeed + i);
      const innocent = result.heldBack.some((u) => !broken.includes(u));
      if (innocent || ["systemicPause", "failPause", "shrinkPause"].includes(result.end)) alarmed += 1;
      // Heavy-tailed use: a user who never opened the app in the bake cannot be caught.
      if (result.usedBrokenApp.every((u) => result.heldBack.includes(u))) caught += 1;
    }
    return { caught: caught / BAKES, alarmed: alarmed / BAKES };
  }

  it("holds back the broken invoicing app's users; anyone else, or an alarm pause, within the bound", () => {
    const { caught, alarmed } = power(only("invoicing-app: 4"), 4);
    expect(caught).toBeGreaterThanOrEqual(0.75);
    expect(alarmed).toBeLessThanOrEqual(bound);
  });

  it("holds back two broken phones among sixteen users of the same app; anyone else, or an alarm pause, within the bound", () => {
    // Over all their attempts (before the per-cell test) both were held back in 16% of bakes.
    const { caught, alarmed } = power(only("invoicing-app: 2"), 2);
    expect(caught).toBeGreaterThanOrEqual(0.6);
    expect(alarmed).toBeLessThanOrEqual(bound);
  });

  it("names the broken app in the hold-back reasons", () => {
    const c = only("invoicing-app: 4");
    const reasons: string[] = [];
    simulateBake(c.scenario, c.firstSeed, (_look, check) => {
      if (check.decision.decision === "shrink") reasons.push(...check.decision.holdBack.map((h) => h.reason));
    });
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r.startsWith("Contoso Invoicing") && /iOS/.test(r))).toBe(true);
    expect(BROKEN_APP).toMatch(/^Contoso Invoicing/);
  });

  it("pauses an MFA outage that hits the control cohort too as systemic, holding nobody back", () => {
    const c = only("mfa-outage");
    const t = simulateBakes(c.scenario, BAKES, c.firstSeed);
    expect((t.ends.systemicPause + t.ends.failPause) / t.bakes).toBeGreaterThanOrEqual(0.6);
    expect(t.ends.systemicPause / t.bakes).toBeGreaterThanOrEqual(0.4);
    expect(t.withHoldBacks / t.bakes).toBeLessThanOrEqual(bound);
  });
});
