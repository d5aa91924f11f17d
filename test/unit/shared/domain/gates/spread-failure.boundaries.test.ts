import { failureSpread, isSpreadFailure } from "../../../../../shared/domain/gates/spread-failure";
import { countersOf, many } from "../fixtures";

/**
 * The spread check's boundaries, on waves small enough to count by hand. Users' attempts are alike
 * (same attempts, same failures), so the design effect is 1 and the effective counts are the raw
 * ones: the evidence is x·ln(broken/allowed) + (n − x)·ln((1 − broken)/(1 − allowed)).
 */
const limits = { allowedRate: 0.25, brokenRate: 0.5, minUsers: 2, maxShareOfOne: 0.5 };

/** Two users on two apps, each with one attempt refused (500121) and `successes` completed. */
function twoUsersRefusedOnce(successes: number) {
  return failureSpread(
    countersOf([
      { user: 1, app: "App A", code: 500121 },
      ...many(successes, { user: 1, app: "App A" }),
      { user: 2, app: "App B", code: 500121 },
      ...many(successes, { user: 2, app: "App B" }),
    ]),
  );
}

describe("isSpreadFailure at its evidence threshold", () => {
  // 2 refusals in 2 attempts: evidence 2·ln 2 = ln 4, which is ln(1/α) for α = 1/4 exactly.
  const allRefused = twoUsersRefusedOnce(0);

  it("calls the wave spread when the evidence is exactly ln(1/α)", () => {
    expect(allRefused.effective).toEqual({ attempts: 2, terminalFailures: 2 });
    expect(isSpreadFailure(allRefused, { ...limits, alpha: 0.25 })).toBe(true);
  });

  it("does not when ln(1/α) is a little above the evidence", () => {
    expect(isSpreadFailure(allRefused, { ...limits, alpha: 0.24 })).toBe(false);
  });

  it("weighs completed attempts against the broken rate", () => {
    // 2 refused of 4: 2·ln 2 + 2·ln(0.5/0.75) ≈ 0.575, just above ln(1/0.57) ≈ 0.562 ...
    const halfRefused = twoUsersRefusedOnce(1);
    expect(isSpreadFailure(halfRefused, { ...limits, alpha: 0.57 })).toBe(true);
    // ... and below ln(1/0.56) ≈ 0.580.
    expect(isSpreadFailure(halfRefused, { ...limits, alpha: 0.56 })).toBe(false);
  });
});

describe("isSpreadFailure when the allowed rate is not below the broken one", () => {
  // A wave whose baseline already fails at 60%: "broken" (50%) is no worse than allowed, so there
  // is nothing to call, however many completed attempts would favour the lower rate.
  const mostlyCompleted = failureSpread(
    countersOf(
      [1, 2, 3, 4, 5, 6].flatMap((user) => [
        { user, app: `App ${user % 3}`, code: 500121 },
        ...many(19, { user, app: `App ${user % 3}` }),
      ]),
    ),
  );

  it("never calls the wave spread", () => {
    expect(mostlyCompleted.usersWithTerminalFailures).toBe(6);
    expect(mostlyCompleted.clustersWithFailures).toBe(3);
    const test = { allowedRate: 0.6, brokenRate: 0.5, alpha: 0.01, minUsers: 5, maxShareOfOne: 0.5 };
    expect(isSpreadFailure(mostlyCompleted, test)).toBe(false);
  });

  it("nor when the two are equal", () => {
    const test = { allowedRate: 0.5, brokenRate: 0.5, alpha: 0.01, minUsers: 5, maxShareOfOne: 0.5 };
    expect(isSpreadFailure(mostlyCompleted, test)).toBe(false);
  });
});

describe("failureSpread's refusal code", () => {
  it("is the code with the most refusals summed over users, not the largest of one user", () => {
    const spread = failureSpread(
      countersOf([
        ...many(2, { user: 1, app: "App A", code: 53003 }),
        ...many(2, { user: 2, app: "App B", code: 500121 }),
        { user: 3, app: "App C", code: 500121 },
      ]),
    );
    expect(spread.code).toBe(500121);
  });
});
