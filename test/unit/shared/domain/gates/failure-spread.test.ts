import { failureSpread } from "../../../../../shared/domain/gates/spread-failure";
import { countersOf, many } from "../fixtures";

describe("failureSpread: how a wave's failures are counted", () => {
  it("counts attempts, terminal refusals per user, failures per app and the refusals' code", () => {
    const spread = failureSpread(
      countersOf([
        ...many(3, { user: 1, app: "App A", code: 500121 }),
        ...many(2, { user: 2, app: "App B", code: 500121 }),
        { user: 2, app: "App B" },
        ...many(2, { user: 3, app: "App A", code: 50074 }),
        ...many(5, { user: 4 }),
      ]),
    );
    expect(spread).toMatchObject({
      attempts: 13,
      terminalFailures: 5,
      usersWithTerminalFailures: 2,
      maxTerminalFailuresOfOneUser: 3,
      failures: 7,
      maxFailuresOfOneCluster: 5,
      clustersWithFailures: 2,
      code: 500121,
    });
  });

  it("counts nothing for a wave without failures", () => {
    expect(failureSpread(countersOf(many(4, { user: 1 })))).toMatchObject({
      attempts: 4,
      terminalFailures: 0,
      usersWithTerminalFailures: 0,
      maxTerminalFailuresOfOneUser: 0,
      failures: 0,
      maxFailuresOfOneCluster: 0,
      clustersWithFailures: 0,
      code: null,
    });
  });
});
