import { populationOverlap } from "../../../../../shared/domain";
import { u } from "../fixtures";

describe("populationOverlap order", () => {
  it("lists rollouts holding as many users by id, so the refusal reads the same every time", () => {
    const overlap = populationOverlap(
      [u(1), u(2), u(3)],
      [
        { rolloutId: "sales-mfa", userIds: [u(1)] },
        { rolloutId: "hr-mfa", userIds: [u(2)] },
        { rolloutId: "it-mfa", userIds: [u(3), u(2)] },
      ],
    );
    expect(overlap.rollouts).toEqual([
      { rolloutId: "it-mfa", users: 2 },
      { rolloutId: "hr-mfa", users: 1 },
      { rolloutId: "sales-mfa", users: 1 },
    ]);
    expect(overlap.users).toBe(3);
  });
});
