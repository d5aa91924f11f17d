import {
  DEFAULT_ATTRIBUTION,
  DEFAULT_GATES,
  errorBudget,
  untestedClusters,
} from "../../../../../shared/domain";
import { countersOf, many, u } from "../fixtures";

const evidence = errorBudget(DEFAULT_GATES.health, DEFAULT_GATES.shrink).holdBack;
const outlook = { app: "Outlook", client: "Browser", os: "Windows10" };
const invoicingIos = { app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" };

describe("untestedClusters: the order and the bar of what the bake has not tested", () => {
  it("orders by attempts before names, and equal attempts by name", () => {
    const bake = countersOf([
      ...many(200, { user: u(1), ...outlook }),
      ...many(2, { user: u(2), app: "Alpha Payroll", client: "Browser", os: "Windows10" }),
      { user: u(3), app: "Beta Timesheets", client: "Browser", os: "Windows10" },
      { user: u(4), app: "Zeta Travel", client: "Browser", os: "Windows10" },
      { user: u(5), app: "Delta Expenses", client: "Browser", os: "Windows10" },
    ]);
    expect(untestedClusters({ bake, expectedRate: 0.04, evidence }).map((c) => c.text)).toEqual([
      "Beta Timesheets on Windows 10: 1 attempt in the bake — watching",
      "Delta Expenses on Windows 10: 1 attempt in the bake — watching",
      "Zeta Travel on Windows 10: 1 attempt in the bake — watching",
      "Alpha Payroll on Windows 10: 2 attempts in the bake — watching",
    ]);
  });

  it("two attempts, the attribution's minUserFailures, can be judged in a small wave", () => {
    const bake = countersOf(many(2, { user: u(1), ...invoicingIos }));
    expect(untestedClusters({ bake, expectedRate: 0.04, evidence })).toEqual([]);
  });

  it("a cluster with fewer attempts than the thresholds' minUserFailures is untested, however strong the ratio", () => {
    const bake = countersOf(many(4, { user: u(1), ...invoicingIos }));
    const thresholds = { ...DEFAULT_ATTRIBUTION, minUserFailures: 5 };
    expect(untestedClusters({ bake, expectedRate: 0.04, evidence, thresholds })).toHaveLength(1);
    expect(
      untestedClusters({
        bake,
        expectedRate: 0.04,
        evidence,
        thresholds: { ...thresholds, minUserFailures: 4 },
      }),
    ).toEqual([]);
  });

  it("the bar counts every user × app cell a failure could be blamed on", () => {
    // Four attempts are judged among 301 cells but not among 601: the same cluster is named
    // untested in a wave whose 300 users each use two apps, and not in one whose users use one.
    const people = Array.from({ length: 300 }, (_, i) => u(100 + i));
    const teams = { app: "Microsoft Teams", client: "Mobile Apps and Desktop clients", os: "Android" };
    const invoicing = many(4, { user: u(1), ...invoicingIos });
    const oneApp = countersOf([...people.map((user) => ({ user, ...outlook })), ...invoicing]);
    const twoApps = countersOf([
      ...people.flatMap((user) => [
        { user, ...outlook },
        { user, ...teams },
      ]),
      ...invoicing,
    ]);
    expect(untestedClusters({ bake: oneApp, expectedRate: 0.04, evidence })).toEqual([]);
    expect(untestedClusters({ bake: twoApps, expectedRate: 0.04, evidence }).map((c) => c.key)).toEqual([
      expect.stringContaining("Contoso Invoicing"),
    ]);
  });
});
