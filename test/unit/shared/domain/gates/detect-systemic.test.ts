import {
  DEFAULT_SYSTEMIC,
  detectSystemic,
  emptySummary,
  type TallySummary,
} from "../../../../../shared/domain";

function s(signIns: number, failures: number, extra: Partial<TallySummary> = {}): TallySummary {
  return { ...emptySummary(), users: Math.ceil(signIns / 10), signIns, failures, ...extra };
}

const waveFailing = { current: s(2000, 200), baseline: s(2000, 20) };

describe("systemic detection", () => {
  it("calls an outage when the control cohort fails comparably", () => {
    const result = detectSystemic({
      wave: waveFailing,
      control: { current: s(20000, 1500), baseline: s(20000, 200) },
    });
    expect(result.systemic).toBe(true);
    expect(result.reasons[0]).toMatch(/users outside the wave fail too/);
  });

  it("calls an outage when many unenforced users fail more than before, even at a lower rate than the wave", () => {
    const result = detectSystemic({
      wave: { current: s(240, 24), baseline: s(600, 0) },
      control: { current: s(300, 8, { usersWithFailures: 8 }), baseline: s(800, 0) },
    });
    expect(result.systemic).toBe(true);
    expect(result.reasons[0]).toMatch(/across 8 users/);
  });

  it("does not blame an outage on two unenforced users failing a little more", () => {
    const result = detectSystemic({
      wave: { current: s(240, 24), baseline: s(600, 0) },
      control: { current: s(300, 3, { usersWithFailures: 2 }), baseline: s(800, 0) },
    });
    expect(result.systemic).toBe(false);
  });

  // mfa-outage, day 10: the MFA provider fails everyone for two hours. The wave, enforced that
  // morning, is challenged on every sign-in; the rest only by a SharePoint policy, so their rate
  // trails far behind the wave's, and only a handful of them fail at all.
  const outageWave = { current: s(238, 24, { usersWithFailures: 17 }), baseline: s(849, 0) };
  const outageControl = { current: s(183, 5, { usersWithFailures: 4 }), baseline: s(1500, 0) };

  it("calls an outage when several unenforced users fail in the same window as the wave, their rate trailing", () => {
    const result = detectSystemic({ wave: outageWave, control: outageControl });
    expect(result).toMatchObject({ systemic: true, cause: "sharedOutage", code: null });
    expect(result.reasons[0]).toMatch(
      /users outside the wave fail too, in the same window: .* across 4 users/,
    );
    expect(result.metrics.controlUsersWithFailures).toBe(4);
  });

  it.each([
    ["the same error code", { "500121": 24 }, { "500121": 5 }, true, 500121],
    ["another error code (an app broken for the wave only)", { "50074": 24 }, { "500121": 5 }, false, null],
    ["no failure codes on the unenforced side", { "500121": 24 }, {}, false, null],
  ])("with the cohorts' codes known, a shared spike needs %s", (_name, wave, control, systemic, code) => {
    const result = detectSystemic({
      wave: outageWave,
      control: outageControl,
      codes: { wave, control },
    });
    expect(result.systemic).toBe(systemic);
    expect(result.code).toBe(code);
    if (systemic) expect(result.reasons[0]).toMatch(/with the wave's error 500121/);
  });

  it.each([
    [
      "fewer unenforced users fail than the threshold",
      { ...outageControl, current: s(183, 5, { usersWithFailures: 2 }) },
      outageWave,
    ],
    ["the unenforced users failed as often before", { ...outageControl, baseline: s(1500, 40) }, outageWave],
    [
      "the wave's own rate did not rise",
      outageControl,
      { current: s(238, 1, { usersWithFailures: 1 }), baseline: s(849, 0) },
    ],
  ])("does not call a shared outage when %s", (_name, control, wave) => {
    const result = detectSystemic({
      wave,
      control,
      thresholds: { ...DEFAULT_SYSTEMIC, comparableExcessRatio: 10 },
    });
    expect(result).toMatchObject({ systemic: false, cause: null });
  });

  it("does not when only the wave fails", () => {
    const result = detectSystemic({
      wave: waveFailing,
      control: { current: s(20000, 210), baseline: s(20000, 200) },
    });
    expect(result).toMatchObject({ systemic: false, reasons: [] });
  });

  it("uses the wave's baseline when the control has none", () => {
    const result = detectSystemic({
      wave: waveFailing,
      control: { current: s(20000, 1600) },
    });
    expect(result.systemic).toBe(true);
  });

  it.each([
    [
      "spread over many users",
      { serviceFailures: 40, usersWithServiceFailures: 30, maxServiceFailuresOfOneUser: 3 },
      true,
    ],
    [
      "from one user's broken client",
      { serviceFailures: 40, usersWithServiceFailures: 5, maxServiceFailuresOfOneUser: 30 },
      false,
    ],
    [
      "too few to mean anything",
      { serviceFailures: 6, usersWithServiceFailures: 6, maxServiceFailuresOfOneUser: 1 },
      false,
    ],
  ])("service errors %s", (_name, extra, systemic) => {
    const result = detectSystemic({
      wave: { current: s(2000, 20, extra), baseline: s(2000, 20) },
    });
    expect(result.systemic).toBe(systemic);
  });

  it("notices report-only failures rising for users outside the wave", () => {
    const ro = (failure: number) => ({ success: 0, failure, interrupted: 5000 - failure, notApplied: 0 });
    const result = detectSystemic({
      wave: waveFailing,
      control: {
        current: s(5000, 50, { reportOnly: ro(600) }),
        baseline: s(5000, 50, { reportOnly: ro(50) }),
      },
    });
    expect(result.systemic).toBe(true);
    expect(result.reasons.join(" ")).toMatch(/report-only failures of users outside the wave rose/);
  });
});
