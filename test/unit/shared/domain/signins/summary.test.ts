import { createCounters } from "../../../../../shared/domain/signins/sign-in-counters";
import {
  clusterMomentsOfSummary,
  clusterTotals,
  emptySummary,
  summarize,
} from "../../../../../shared/domain/signins/summary";
import { emptyTally, type UserTally } from "../../../../../shared/domain/signins/user-tally";
import { clusterKeyOf } from "../../../../../shared/domain/signins/cluster-key";

const tally = (fields: Partial<UserTally>): UserTally => ({ ...emptyTally(), ...fields });
const OUTLOOK_IOS = clusterKeyOf("Outlook", "Mobile Apps and Desktop clients", "iOS");
const TEAMS_WEB = clusterKeyOf("Teams", "Browser", "Windows");
const INVOICING_IOS = clusterKeyOf("Contoso Invoicing", "Mobile Apps and Desktop clients", "iOS");

function counters() {
  const c = createCounters(null);
  c.users["a"] = tally({
    attempts: 10,
    failures: 3,
    serviceFailures: 1,
    reportOnly: [4, 1, 2, 3],
    byCluster: { [OUTLOOK_IOS]: [6, 0], [INVOICING_IOS]: [4, 3] },
  });
  c.users["b"] = tally({
    attempts: 5,
    serviceFailures: 4,
    reportOnly: [1, 0, 0, 0],
    byCluster: { [TEAMS_WEB]: [5, 0] },
  });
  // A user read but with no attempt in the window: not counted among the users.
  c.users["c"] = tally({ attempts: 0 });
  c.users["d"] = tally({ attempts: 2, failures: 2, byCluster: { [INVOICING_IOS]: [2, 2] } });
  return c;
}

describe("summarize (a cohort's window as the gates compare it)", () => {
  it("adds up users with attempts, their failures, service failures and report-only results", () => {
    expect(summarize(counters())).toEqual({
      users: 3,
      signIns: 17,
      failures: 5,
      serviceFailures: 5,
      usersWithFailures: 2,
      usersWithServiceFailures: 2,
      maxServiceFailuresOfOneUser: 4,
      reportOnly: { success: 5, failure: 1, interrupted: 2, notApplied: 3 },
      clusters: { users: 3, n: 17, f: 5, nn: 100 + 25 + 4, ff: 9 + 0 + 4, nf: 30 + 0 + 4 },
    });
  });

  it("is all zeros for no users", () => {
    expect(emptySummary()).toEqual({
      users: 0,
      signIns: 0,
      failures: 0,
      serviceFailures: 0,
      usersWithFailures: 0,
      usersWithServiceFailures: 0,
      maxServiceFailuresOfOneUser: 0,
      reportOnly: { success: 0, failure: 0, interrupted: 0, notApplied: 0 },
      clusters: { users: 0, n: 0, f: 0, nn: 0, ff: 0, nf: 0 },
    });
  });
});

describe("clusterMomentsOfSummary", () => {
  it("keeps the per-user spread that adds up to the summary's totals", () => {
    const summary = summarize(counters());
    expect(clusterMomentsOfSummary(summary)).toBe(summary.clusters);
  });

  it("takes sign-ins as independent when the spread is missing or does not add up", () => {
    const summary = summarize(counters());
    const independent = { users: 0, n: 17, f: 5, nn: 0, ff: 0, nf: 0 };
    expect(clusterMomentsOfSummary({ ...summary, clusters: undefined })).toEqual(independent);
    expect(clusterMomentsOfSummary({ ...summary, signIns: 16, clusters: summary.clusters })).toEqual({
      ...independent,
      n: 16,
    });
    expect(clusterMomentsOfSummary({ ...summary, failures: 4 })).toEqual({ ...independent, f: 4 });
  });
});

describe("clusterTotals (status pages: per app × client × platform)", () => {
  it("adds each cluster over its users, most failures first, then by key", () => {
    expect(clusterTotals(counters()).map((t) => [t.key, t.signIns, t.failures, t.users])).toEqual([
      [INVOICING_IOS, 6, 5, 2],
      [OUTLOOK_IOS, 6, 0, 1],
      [TEAMS_WEB, 5, 0, 1],
    ]);
    const [first] = clusterTotals(counters());
    expect(first).toMatchObject({
      app: "Contoso Invoicing",
      clientApp: "Mobile Apps and Desktop clients",
      platform: "iOS",
    });
  });

  it("orders clusters without failures by key whatever order the users come in", () => {
    const c = createCounters(null);
    c.users["x"] = tally({ attempts: 1, byCluster: { [TEAMS_WEB]: [1, 0] } });
    c.users["y"] = tally({ attempts: 1, byCluster: { [OUTLOOK_IOS]: [1, 0] } });
    expect(clusterTotals(c).map((t) => t.key)).toEqual([OUTLOOK_IOS, TEAMS_WEB]);
  });
});
