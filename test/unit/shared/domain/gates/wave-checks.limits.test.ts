import {
  checkHealth,
  DEFAULT_ATTRIBUTION,
  DEFAULT_GATES,
  DEFAULT_SYSTEMIC,
} from "../../../../../shared/domain";
import { countersOf, many, u, type SignInSpec } from "../fixtures";

/** Which rates and limits checkHealth hands the rules it assembles. */
const waveUsers = Array.from({ length: 40 }, (_, i) => u(i + 1));
const controlUsers = Array.from({ length: 60 }, (_, i) => u(1000 + i));
const invoicingIos = { app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" };
/** Ten attempts per user; the first `failing` users' last one ends on `code`. */
const day = (ids: string[], failing = 0, code = 50074): SignInSpec[] =>
  ids.flatMap((id, i) => [...many(9, { user: id }), i < failing ? { user: id, code } : { user: id }]);
const state = { bakeComplete: true, extensions: 0, waveSize: 40, heldBack: 0 };
/** Every wave user has 4 of 10 attempts refused (500121), on two apps: the provider refusing everyone. */
const refusing = waveUsers.flatMap((id, i) => [
  ...many(6, { user: id, app: i % 2 ? "Outlook" : "Teams" }),
  ...many(4, { user: id, app: i % 2 ? "Outlook" : "Teams", code: 500121 }),
]);

describe("the rate attribution expects of each user", () => {
  it("is the wave's own before, when the wave had sign-ins before", () => {
    // Wave 2 of 400 now, 8 of 400 before; the control cohort fails 30 of 600.
    const result = checkHealth({
      waveUserIds: waveUsers,
      controlUserIds: controlUsers,
      current: countersOf([...day(waveUsers, 2), ...day(controlUsers, 30)]),
      baseline: countersOf([...day(waveUsers, 8), ...day(controlUsers, 30)]),
      gates: DEFAULT_GATES,
      state,
    });
    expect(result.attribution.metrics.excessFailures).toBeCloseTo(2 - 0.02 * 400, 9);
  });

  it("is the control cohort's now, when the wave had none before", () => {
    const result = checkHealth({
      waveUserIds: waveUsers,
      controlUserIds: controlUsers,
      current: countersOf([...day(waveUsers, 2), ...day(controlUsers, 30)]),
      baseline: countersOf(day(controlUsers, 30)),
      gates: DEFAULT_GATES,
      state,
    });
    expect(result.attribution.metrics.excessFailures).toBeCloseTo(2 - 0.05 * 400, 9);
  });
});

describe("the plan's limits reach the rules", () => {
  it("the systemic thresholds given replace the defaults", () => {
    // Service errors (50000, a token-service error) for 25 of the wave's users: an outage by the default limits.
    const input = {
      waveUserIds: waveUsers,
      current: countersOf(day(waveUsers, 25, 50000)),
      baseline: countersOf(day(waveUsers)),
      gates: DEFAULT_GATES,
      state,
    };
    expect(checkHealth(input).systemic.cause).toBe("serviceErrors");
    const stricter = checkHealth({ ...input, systemic: { ...DEFAULT_SYSTEMIC, minServiceFailures: 26 } });
    expect(stricter.systemic.cause).not.toBe("serviceErrors");
  });

  it("the attribution thresholds given replace the defaults", () => {
    // Four users whose every Invoicing-on-iOS attempt ends at the prompt.
    const broken = waveUsers.slice(0, 4).flatMap((id) => many(6, { user: id, ...invoicingIos, code: 50074 }));
    const input = {
      waveUserIds: waveUsers,
      current: countersOf([...day(waveUsers), ...broken]),
      baseline: countersOf(day(waveUsers)),
      gates: DEFAULT_GATES,
      state,
    };
    const byDefault = checkHealth(input);
    expect(byDefault.attribution.actionable).toBe(true);
    expect(byDefault.decision.decision).toBe("shrink");
    // Every blamed attempt failed (a rate of 1): a plan asking for more never acts on them.
    const unreachable = checkHealth({
      ...input,
      attribution: { ...DEFAULT_ATTRIBUTION, minBlamedFailureRate: 1.01 },
    });
    expect(unreachable.attribution.actionable).toBe(false);
    expect(unreachable.decision.decision).not.toBe("shrink");
  });
});

describe("the rate a spread failure is tested against", () => {
  const withBaseline = (baseline: SignInSpec[]) =>
    checkHealth({
      waveUserIds: waveUsers,
      current: countersOf(refusing),
      baseline: countersOf(baseline),
      gates: DEFAULT_GATES,
      state,
    }).systemic.cause;

  it("is the wave's failure rate before plus the excess allowed", () => {
    expect(withBaseline(day(waveUsers, 1))).toBe("spreadFailure");
  });

  it("so the same refusals in a wave that failed as often before are not an outage", () => {
    const failingBefore = waveUsers.flatMap((id) => [
      ...many(6, { user: id }),
      ...many(4, { user: id, code: 50074 }),
    ]);
    expect(withBaseline(failingBefore)).not.toBe("spreadFailure");
  });
});

describe("a wave without sign-ins before", () => {
  it("tests a spread failure against the excess allowed alone", () => {
    const result = checkHealth({
      waveUserIds: waveUsers,
      current: countersOf(refusing),
      baseline: countersOf([]),
      gates: DEFAULT_GATES,
      state,
    });
    expect(result.systemic.cause).toBe("spreadFailure");
  });

  it("and without a control cohort, expects each user to fail as the wave does now", () => {
    const result = checkHealth({
      waveUserIds: waveUsers,
      current: countersOf(day(waveUsers, 2)),
      baseline: countersOf([]),
      gates: DEFAULT_GATES,
      state,
    });
    expect(result.attribution.metrics.excessFailures).toBeCloseTo(0, 9);
  });
});
