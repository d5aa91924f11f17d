import { clusterKey, emptyTally, reasonFor, type UserTally } from "../../../../../shared/domain";

/**
 * The code a held-back user's reason names for the app that failed them. Codes are counted per
 * user, not per app, so a code is named only where the counts prove it carried most of the app's
 * failures; otherwise the reason says only how the attempts failed.
 */
const invoicing = clusterKey({
  app: "Contoso Invoicing",
  clientApp: "Mobile Apps and Desktop clients",
  platform: "Ios",
});
const teams = clusterKey({ app: "Microsoft Teams", clientApp: "Browser", platform: "Windows10" });

/** The reason named for Invoicing, for a user with these cells and failure codes. */
function reasonOf(cells: Record<string, [number, number]>, failureCodes: Record<string, number>): string {
  const tally: UserTally = { ...emptyTally(), failureCodes, byCluster: cells };
  for (const [n, f] of Object.values(cells)) {
    tally.attempts += n;
    tally.failures += f;
  }
  tally.serviceFailures = failureCodes["50000"] ?? 0;
  return reasonFor(tally, invoicing);
}

const prefix = "Contoso Invoicing on iOS: ";

describe("the code named for the app, when all the user's failures are in it", () => {
  it("is their most frequent code, even short of a majority (ties: the lower code)", () => {
    expect(reasonOf({ [invoicing]: [5, 4] }, { "50074": 2, "500121": 2 })).toBe(
      `${prefix}4 of 5 sign-in attempts ended at the MFA prompt (50074), 1 completed`,
    );
  });

  it("is none once one failure is elsewhere and no code holds a majority of the app's", () => {
    expect(reasonOf({ [invoicing]: [5, 3], [teams]: [1, 1] }, { "50074": 2, "500121": 2 })).toBe(
      `${prefix}3 of 5 sign-in attempts failed MFA, 2 completed`,
    );
  });
});

describe("the code named for the app, with failures elsewhere too", () => {
  // 4 failed in Invoicing, 2 in Teams: a code must hold more than half of Invoicing's 4 even if
  // both Teams failures carried it.
  const cells = { [invoicing]: [4, 4] as [number, number], [teams]: [2, 2] as [number, number] };
  it("is named at one more than half of the app's failures (5 − 2 = 3 of 4)", () => {
    expect(reasonOf(cells, { "50074": 5, "500121": 1 })).toBe(
      `${prefix}4 of 4 sign-in attempts ended at the MFA prompt (50074), none completed`,
    );
  });

  it("is not named at exactly half (4 − 2 = 2 of 4)", () => {
    expect(reasonOf(cells, { "50074": 4, "500121": 2 })).toBe(
      `${prefix}4 of 4 sign-in attempts failed MFA, none completed`,
    );
  });
});

describe("a reason without a code", () => {
  const cells = { [invoicing]: [4, 2] as [number, number], [teams]: [4, 2] as [number, number] };
  it("still says the attempts ended at the prompt when every MFA code is a prompt, whatever service errors the user also met", () => {
    // 3 × 50074 and 1 × 50076 over two apps: no code proven for Invoicing, but all are prompts
    // left unanswered. The service error (50000) is no MFA failure and does not change that.
    expect(reasonOf(cells, { "50074": 3, "50076": 1, "50000": 1 })).toBe(
      `${prefix}2 of 4 sign-in attempts ended at the MFA prompt, 2 completed`,
    );
  });

  it("says they failed MFA once a terminal MFA code is among them", () => {
    expect(reasonOf(cells, { "50074": 3, "500121": 1 })).toBe(
      `${prefix}2 of 4 sign-in attempts failed MFA, 2 completed`,
    );
  });
});
