import { DEFAULT_SYSTEMIC, detectSystemic } from "../../../../../shared/domain";
import { isSpreadFailure } from "../../../../../shared/domain/gates/spread-failure";
import { summary, SPREAD_REFUSALS } from "../fixtures";

/** The systemic rules' limits on both sides of their boundaries (defaults: 20 errors, 5 users, 50%). */
const s = summary;

describe("service errors at their boundaries", () => {
  const flat = s(1000, 10);
  const withErrors = (serviceFailures: number, usersWithServiceFailures: number, worst: number) =>
    detectSystemic({
      wave: {
        current: s(1000, 10, {
          serviceFailures,
          usersWithServiceFailures,
          maxServiceFailuresOfOneUser: worst,
        }),
        baseline: flat,
      },
    });

  it("calls an outage at exactly minServiceFailures, minServiceUsers and the one-user share", () => {
    const result = withErrors(20, 5, 10);
    expect(result.systemic).toBe(true);
    expect(result.cause).toBe("serviceErrors");
    expect(result.reasons).toEqual(["20 service errors across 5 users: looks like a service outage"]);
  });

  it.each([
    ["one error short", 19, 5, 9],
    ["one user short", 20, 4, 10],
    ["one user holding more than half", 20, 5, 11],
  ])("does not with %s", (_name, failures, users, worst) => {
    expect(withErrors(failures, users, worst).systemic).toBe(false);
  });

  it("counts the control cohort's service errors and its worst user too", () => {
    const control = (worst: number) =>
      detectSystemic({
        wave: { current: s(1000, 10, { serviceFailures: 10, usersWithServiceFailures: 3 }), baseline: flat },
        control: {
          current: s(1000, 10, {
            serviceFailures: 10,
            usersWithServiceFailures: 2,
            maxServiceFailuresOfOneUser: worst,
          }),
        },
      });
    expect(control(10).cause).toBe("serviceErrors");
    expect(control(11).systemic).toBe(false);
  });
});

describe("a spread failure at its boundaries", () => {
  const spread = SPREAD_REFUSALS;
  const test = { allowedRate: 0.05, brokenRate: 0.3, alpha: 0.01, minUsers: 6, maxShareOfOne: 1 / 3 };

  it("is spread at exactly minUsers users and the one-user and one-cluster share", () => {
    expect(isSpreadFailure(spread, test)).toBe(true);
  });

  it.each([
    ["one user short", { ...spread, usersWithTerminalFailures: 5 }],
    ["a user over the share", { ...spread, maxTerminalFailuresOfOneUser: 11 }],
    ["a cluster over the share", { ...spread, maxFailuresOfOneCluster: 11 }],
    ["one cluster only", { ...spread, clustersWithFailures: 1, maxFailuresOfOneCluster: 10 }],
    ["no terminal failure", { ...spread, terminalFailures: 0 }],
  ])("is not with %s", (_name, wave) => {
    expect(isSpreadFailure(wave, test)).toBe(false);
  });

  it("is spread over exactly two clusters", () => {
    expect(isSpreadFailure({ ...spread, clustersWithFailures: 2 }, { ...test, maxShareOfOne: 1 })).toBe(true);
  });

  it("needs a broken rate above the allowed one", () => {
    expect(isSpreadFailure(spread, { ...test, brokenRate: 0.05 })).toBe(false);
  });

  it("uses the systemic defaults for users and share through detectSystemic", () => {
    const result = detectSystemic({
      wave: { current: s(90, 30), baseline: s(90, 30) },
      spread: {
        wave: {
          ...spread,
          usersWithTerminalFailures: DEFAULT_SYSTEMIC.minServiceUsers,
          maxTerminalFailuresOfOneUser: 15,
          maxFailuresOfOneCluster: 15,
        },
        allowedRate: 0.05,
        brokenRate: 0.3,
        alpha: 0.01,
      },
    });
    expect(result.cause).toBe("spreadFailure");
    expect(result.code).toBe(500121);
  });
});
