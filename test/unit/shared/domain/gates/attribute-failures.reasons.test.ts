import { attributeFailures, emptyTally, reasonFor } from "../../../../../shared/domain";
import { countersOf, many, u, type SignInSpec } from "../fixtures";

/** 60 healthy users with 10 clean sign-ins each. */
const healthy: SignInSpec[] = Array.from({ length: 60 }, (_, i) => many(10, { user: 100 + i })).flat();

describe("the reason given for a user blamed on their own", () => {
  // Two users failing on apps nobody else uses, each on two apps: no one app carries most of the
  // excess, so each user is named for the app that failed them most.
  const attribute = (user2Apps = ["SharePoint", "Excel"]) =>
    attributeFailures({
      wave: countersOf([
        ...healthy,
        ...many(2, { user: 1, app: "Outlook", os: "MacOs", code: 50074 }),
        ...many(5, { user: 1, app: "Teams", os: "Android", code: 500121 }),
        ...user2Apps.flatMap((app) => many(6, { user: 2, app, os: "Windows10", code: 500121 })),
      ]),
      expectedRate: 0,
    });

  it("names the app with the most failed attempts", () => {
    const result = attribute();
    expect(result.kind).toBe("users");
    expect(result.holdBack[0]).toEqual({
      userId: u(1),
      reason: "Teams on Android: 5 of 5 sign-in attempts failed MFA (error 500121), none completed",
    });
  });

  it.each([
    ["SharePoint", "Excel"],
    ["Excel", "SharePoint"],
  ])("names the first app by name when two failed as often (used %s first)", (...user2Apps) => {
    expect(attribute(user2Apps).holdBack[1]).toEqual({
      userId: u(2),
      reason: "Excel on Windows 10: 6 of 6 sign-in attempts failed MFA (error 500121), none completed",
    });
  });
});

describe("reasonFor", () => {
  const tally = {
    ...emptyTally(),
    attempts: 5,
    failures: 3,
    failureCodes: { "50126": 3 },
    byCluster: { "Outlook | Browser | Windows10": [5, 3] as [number, number] },
  };

  it("says only 'failed MFA' when no attempt carries an MFA code", () => {
    expect(reasonFor(tally, "Outlook | Browser | Windows10")).toBe(
      "Outlook on Windows 10: 3 of 5 sign-in attempts failed MFA, 2 completed",
    );
  });

  it("counts all of the user's attempts for an app they did not use", () => {
    expect(reasonFor({ ...tally, attempts: 7, failures: 4 }, "Teams | Browser | Ios")).toBe(
      "Teams on iOS: 4 of 7 sign-in attempts failed MFA, 3 completed",
    );
  });
});

describe("the failure rate of users blamed on their own", () => {
  it("is over the app that fails them when one does, not over their other apps", () => {
    // User 1 fails 4 of 4 on App A and completes 4 on App B; user 2 fails 4 of 4 on App C. No app
    // carries most of the excess, so both are blamed as users, each for the app that fails them.
    const result = attributeFailures({
      wave: countersOf([
        ...healthy,
        ...many(4, { user: 1, app: "App A", code: 500121 }),
        ...many(4, { user: 1, app: "App B" }),
        ...many(4, { user: 2, app: "App C", code: 500121 }),
      ]),
      expectedRate: 0,
    });
    expect(result.kind).toBe("users");
    expect(result.metrics.topCluster).toBe("App A | Browser | Windows10");
    expect(result.metrics.blamedFailureRate).toBe(1);
  });

  it("is over all their attempts when their failures are spread over their apps", () => {
    // User 1 fails once on each of three apps and completes 3 on a fourth: no app fails them
    // twice, all of them together do (3 of 6); user 2 likewise on four other apps.
    const result = attributeFailures({
      wave: countersOf([
        ...healthy,
        ...["App A", "App B", "App C"].map((app) => ({ user: 1, app, code: 500121 })),
        ...many(3, { user: 1, app: "App D" }),
        ...["App E", "App F", "App G"].map((app) => ({ user: 2, app, code: 500121 })),
        ...many(3, { user: 2, app: "App H" }),
      ]),
      expectedRate: 0,
    });
    expect(result.kind).toBe("users");
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2)]);
    expect(result.metrics.blamedFailureRate).toBe(0.5);
  });
});

describe("the users held back", () => {
  it("are listed by id, whatever order their sign-ins came in", () => {
    const result = attributeFailures({
      wave: countersOf([
        ...many(3, { user: 3, app: "Teams", code: 500121 }),
        ...many(3, { user: 1, app: "Outlook", code: 500121 }),
        ...healthy,
      ]),
      expectedRate: 0,
    });
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(3)]);
  });
});
