import { stableOrder, stableRank } from "../../../../../shared/domain";
import { u } from "../fixtures";

describe("stableOrder: the same spread of users on every run, machine and version", () => {
  // A rollout replays its selections from its plan: if the order changed between versions, an
  // upgrade in the middle of a rollout would put different users in its next waves.
  it("keeps the order it has always given", () => {
    expect(stableRank("payroll-mfa", u(1))).toBe("d2e0cc173f98abe6");
    const ids = [1, 2, 3, 4, 5, 6].map(u);
    expect(stableOrder("payroll-mfa", ids)).toEqual([4, 6, 5, 2, 1, 3].map(u));
  });

  it("does not depend on the input's order", () => {
    const ids = [1, 2, 3, 4, 5, 6].map(u);
    expect(stableOrder("payroll-mfa", [...ids].reverse())).toEqual(stableOrder("payroll-mfa", ids));
  });
});
