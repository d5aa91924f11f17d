import { detectSystemic, emptySummary, type TallySummary } from "../../../../../shared/domain";

function s(signIns: number, failures: number, extra: Partial<TallySummary> = {}): TallySummary {
  return { ...emptySummary(), users: Math.ceil(signIns / 10), signIns, failures, ...extra };
}

const waveFailing = { current: s(2000, 200), baseline: s(2000, 20) };

describe("systemic detection", () => {
  it("calls an outage when the control cohort fails comparably", () => {
    const result = detectSystemic({
      wave: waveFailing,
      control: { current: s(20000, 1500), baseline: s(20000, 200) },
      confidence: 0.95,
    });
    expect(result.systemic).toBe(true);
    expect(result.reasons[0]).toMatch(/users outside the wave fail too/);
  });

  it("calls an outage when many unenforced users fail more than before, even at a lower rate than the wave", () => {
    const result = detectSystemic({
      wave: { current: s(240, 24), baseline: s(600, 0) },
      control: { current: s(300, 8, { usersWithFailures: 8 }), baseline: s(800, 0) },
      confidence: 0.95,
    });
    expect(result.systemic).toBe(true);
    expect(result.reasons[0]).toMatch(/across 8 users/);
  });

  it("does not blame an outage on two unenforced users failing a little more", () => {
    const result = detectSystemic({
      wave: { current: s(240, 24), baseline: s(600, 0) },
      control: { current: s(300, 3, { usersWithFailures: 2 }), baseline: s(800, 0) },
      confidence: 0.95,
    });
    expect(result.systemic).toBe(false);
  });

  it("does not when only the wave fails", () => {
    const result = detectSystemic({
      wave: waveFailing,
      control: { current: s(20000, 210), baseline: s(20000, 200) },
      confidence: 0.95,
    });
    expect(result).toMatchObject({ systemic: false, reasons: [] });
  });

  it("uses the wave's baseline when the control has none", () => {
    const result = detectSystemic({
      wave: waveFailing,
      control: { current: s(20000, 1600) },
      confidence: 0.95,
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
      confidence: 0.95,
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
      confidence: 0.95,
    });
    expect(result.systemic).toBe(true);
    expect(result.reasons.join(" ")).toMatch(/report-only failures of users outside the wave rose/);
  });
});
