import { DEFAULT_GATES, errorBudget, untestedClusters } from "../../../../../shared/domain";
import { countersOf, many, u } from "../fixtures";

const evidence = errorBudget(DEFAULT_GATES.health, DEFAULT_GATES.shrink).holdBack;
const outlook = { app: "Outlook", client: "Browser", os: "Windows10" };
const invoicingIos = { app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" };

describe("untestedClusters: what the bake has not tested yet", () => {
  it("names a cluster with one attempt in the bake, in the words of the issue", () => {
    const bake = countersOf([...many(200, { user: u(1), ...outlook }), { user: u(2), ...invoicingIos }]);
    const untested = untestedClusters({ bake, expectedRate: 0.04, evidence });
    expect(untested.map((c) => c.text)).toEqual([
      "Contoso Invoicing on iOS: 1 attempt in the bake — watching",
    ]);
  });

  it("a cluster seen often enough to be judged is not named, whoever used it", () => {
    const bake = countersOf([
      ...many(200, { user: u(1), ...outlook }),
      ...[2, 3, 4, 5].flatMap((n) => many(4, { user: u(n), ...invoicingIos })),
    ]);
    expect(untestedClusters({ bake, expectedRate: 0.04, evidence })).toEqual([]);
  });

  it("counts attempts pooled over users, fewest first", () => {
    const bake = countersOf([
      ...many(200, { user: u(1), ...outlook }),
      { user: u(2), ...invoicingIos },
      { user: u(3), ...invoicingIos },
      { user: u(4), app: "Contoso Expenses", client: "Browser", os: "MacOs" },
    ]);
    const texts = untestedClusters({ bake, expectedRate: 0.04, evidence }).map((c) => c.text);
    expect(texts).toEqual([
      "Contoso Expenses on macOS: 1 attempt in the bake — watching",
      "Contoso Invoicing on iOS: 2 attempts in the bake — watching",
    ]);
  });

  it("when the wave already fails at the broken rate nothing could be judged: every cluster is named", () => {
    const bake = countersOf(many(50, { user: u(1), ...outlook }));
    expect(untestedClusters({ bake, expectedRate: 0.6, evidence })).toHaveLength(1);
  });
});
