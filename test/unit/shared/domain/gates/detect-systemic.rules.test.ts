import { detectSystemic, type SystemicInput } from "../../../../../shared/domain";
import { summary as s, SPREAD_REFUSALS } from "../fixtures";

/**
 * Each rule of detectSystemic on both sides of its limit (defaults: comparable at half the wave's
 * excess, 5 users for widespread, 3 control users failing in the window the wave rose).
 */
const waveRoseTenPoints = { current: s(10000, 1000), baseline: s(10000, 0) };

describe("a shared outage: the control cohort fails too", () => {
  const controlFailing = (failures: number, usersWithFailures: number) => ({
    current: s(10000, failures, { usersWithFailures }),
    baseline: s(10000, 500),
  });

  it("is comparable at exactly half the wave's excess, and not just below it", () => {
    const at = detectSystemic({ wave: waveRoseTenPoints, control: controlFailing(1000, 2) });
    expect(at.cause).toBe("sharedOutage");
    expect(at.reasons).toEqual([
      "users outside the wave fail too, in the same window: control excess 5% across 2 users, against 10% in the wave",
    ]);
    expect(at.metrics.waveExcess).toBe(0.1);
    expect(detectSystemic({ wave: waveRoseTenPoints, control: controlFailing(999, 2) }).systemic).toBe(false);
  });

  it("is widespread at exactly minServiceUsers failing users, though neither comparable nor in a rise of the wave", () => {
    const wave = { current: s(100, 10), baseline: s(100, 5) };
    const control = (users: number) => ({
      current: s(20000, 400, { usersWithFailures: users }),
      baseline: s(20000, 100),
    });
    expect(detectSystemic({ wave, control: control(5) }).cause).toBe("sharedOutage");
    expect(detectSystemic({ wave, control: control(4) }).systemic).toBe(false);
  });

  it("is the same window's spike at exactly minControlUsers users while the wave rose", () => {
    expect(detectSystemic({ wave: waveRoseTenPoints, control: controlFailing(700, 3) }).cause).toBe(
      "sharedOutage",
    );
    expect(detectSystemic({ wave: waveRoseTenPoints, control: controlFailing(700, 2) }).systemic).toBe(false);
  });

  it("counts a wave without a baseline as risen", () => {
    const wave = { current: s(10000, 1000), baseline: s(0, 0) };
    expect(detectSystemic({ wave, control: controlFailing(700, 3) }).cause).toBe("sharedOutage");
  });

  it("measures the control against the wave's baseline when its own has no sign-ins", () => {
    const result = detectSystemic({
      wave: { current: s(10000, 1000), baseline: s(10000, 500) },
      control: { current: s(10000, 1000, { usersWithFailures: 2 }), baseline: s(0, 0) },
    });
    expect(result.metrics.waveExcess).toBe(0.05);
    expect(result.metrics.controlExcess).toBe(0.05);
    expect(result.cause).toBe("sharedOutage");
  });

  it("needs the cohorts' most frequent error codes to agree when they are known", () => {
    const input = (control: Record<string, number>): SystemicInput => ({
      wave: waveRoseTenPoints,
      control: controlFailing(1000, 2),
      codes: { wave: { "50074": 9, "500121": 2 }, control },
    });
    const agreeing = detectSystemic(input({ "50074": 5 }));
    expect(agreeing.code).toBe(50074);
    expect(agreeing.reasons[0]).toContain("in the same window with the wave's error 50074:");
    expect(detectSystemic(input({ "500121": 5, "50074": 1 })).systemic).toBe(false);
  });

  it("reads a wave without sign-ins as failing at 0 %", () => {
    const result = detectSystemic({ wave: { current: s(0, 0), baseline: s(100, 10) } });
    expect(result.metrics.waveExcess).toBe(-0.1);
    expect(result.systemic).toBe(false);
  });
});

describe("report-only failures of the control cohort rising", () => {
  const flat = s(1000, 10);
  const reportOnly = (success: number, failure: number, interrupted = 0, notApplied = 0) => ({
    reportOnly: { success, failure, interrupted, notApplied },
  });
  const input = (
    wave: SystemicInput["wave"],
    now: ReturnType<typeof reportOnly>,
    before = reportOnly(990, 10),
  ) => ({
    wave,
    control: { current: s(1000, 10, now), baseline: s(1000, 10, before) },
  });
  const quietWave = { current: flat, baseline: flat };

  it("is systemic when they rise by at least half the wave's excess", () => {
    const result = detectSystemic(input(quietWave, reportOnly(900, 100)));
    expect(result.cause).toBe("reportOnlyRise");
    expect(result.reasons).toEqual([
      "report-only failures of users outside the wave rose by 9% (they are not enforced)",
    ]);
    expect(result.metrics.reportOnlyFailureRise).toBeCloseTo(0.09, 12);
  });

  it("is not for a rise within noise, though the wave did not rise at all", () => {
    const result = detectSystemic(input(quietWave, reportOnly(988, 12)));
    expect(result.metrics.reportOnlyFailureRise).toBeCloseTo(0.002, 12);
    expect(result.systemic).toBe(false);
  });

  it("counts interrupted and not-applied results among the evaluations", () => {
    const result = detectSystemic(input(quietWave, reportOnly(400, 100, 250, 250)));
    expect(result.metrics.reportOnlyFailureRise).toBeCloseTo(0.09, 12);
  });

  it("is not when the rise is under half of the wave's own excess", () => {
    const wave = { current: s(10000, 3000), baseline: s(10000, 0) };
    expect(detectSystemic(input(wave, reportOnly(900, 100))).systemic).toBe(false);
  });

  it("is not measured without report-only results before", () => {
    const result = detectSystemic(input(quietWave, reportOnly(900, 100), reportOnly(0, 0)));
    expect(result.metrics.reportOnlyFailureRise).toBeNull();
    expect(result.systemic).toBe(false);
  });

  it("keeps the first rule's cause when a shared outage shows in both", () => {
    const result = detectSystemic({
      wave: waveRoseTenPoints,
      control: {
        current: s(10000, 1000, { usersWithFailures: 2, ...reportOnly(900, 100) }),
        baseline: s(10000, 500, reportOnly(990, 10)),
      },
    });
    expect(result.cause).toBe("sharedOutage");
    expect(result.reasons).toHaveLength(2);
  });
});

describe("the spread failure's reason", () => {
  const spread = SPREAD_REFUSALS;
  const withCode = (code: number | null) =>
    detectSystemic({
      wave: { current: s(90, 30), baseline: s(90, 30) },
      spread: { wave: { ...spread, code }, allowedRate: 0.05, brokenRate: 0.3, alpha: 0.01 },
    }).reasons;

  it("names the error code when the refusals share one", () => {
    expect(withCode(500121)).toEqual([
      "30 of the wave's 90 sign-in attempts were refused at MFA (error 500121), spread across 6 users and 3 app × client × platform combinations: not one app or user",
    ]);
  });

  it("names none when they do not", () => {
    expect(withCode(null)).toEqual([
      "30 of the wave's 90 sign-in attempts were refused at MFA, spread across 6 users and 3 app × client × platform combinations: not one app or user",
    ]);
  });
});

describe("what the rules need before they measure", () => {
  it("measures no control excess when the control cohort has no sign-ins now", () => {
    const result = detectSystemic({
      wave: waveRoseTenPoints,
      control: { current: s(0, 0), baseline: s(10000, 500) },
    });
    expect(result.metrics.controlExcess).toBeNull();
  });

  it("measures no control excess when neither cohort had sign-ins before", () => {
    const result = detectSystemic({
      wave: { current: s(10000, 1000), baseline: s(0, 0) },
      control: { current: s(10000, 1000, { usersWithFailures: 9 }), baseline: s(0, 0) },
    });
    expect(result.metrics.controlExcess).toBeNull();
    expect(result.systemic).toBe(false);
  });

  it("measures no report-only rise without report-only results now", () => {
    const none = { reportOnly: { success: 0, failure: 0, interrupted: 0, notApplied: 0 } };
    const before = { reportOnly: { success: 990, failure: 10, interrupted: 0, notApplied: 0 } };
    const result = detectSystemic({
      wave: { current: s(1000, 10), baseline: s(1000, 10) },
      control: { current: s(1000, 10, none), baseline: s(1000, 10, before) },
    });
    expect(result.metrics.reportOnlyFailureRise).toBeNull();
  });

  it("takes a report-only rise of exactly half the wave's excess, and not one just below", () => {
    const rise = (failuresNow: number) =>
      detectSystemic({
        wave: { current: s(10000, 5000), baseline: s(10000, 0) },
        control: {
          current: s(1000, 10, {
            reportOnly: { success: 1000 - failuresNow, failure: failuresNow, interrupted: 0, notApplied: 0 },
          }),
          baseline: s(1000, 10, { reportOnly: { success: 1000, failure: 0, interrupted: 0, notApplied: 0 } }),
        },
      });
    // 250 of 1000 against 0 is a rise of 25 %, half the wave's 50 %.
    expect(rise(250).cause).toBe("reportOnlyRise");
    expect(rise(249).systemic).toBe(false);
  });
});
