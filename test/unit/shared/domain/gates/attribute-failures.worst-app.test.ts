import { attributeFailures, clusterKey, decide, type UserTally } from "../../../../../shared/domain";
import { countersOfTallies, tallyOf, u } from "../fixtures";
import { bake, health, limits } from "./decision-fixtures";

/**
 * A user blamed over all their attempts, with no one app failing them beyond noise: the reason
 * names the app that failed them most, so the operator knows where to look first.
 */
const on = (app: string) => clusterKey({ app, clientApp: "Browser", platform: "Windows10" });
const RATE = 0.04;

/** 40 users failing exactly at the expected rate (1 of 25): no excess, nobody to blame. */
const healthy = Array.from({ length: 40 }, (_, i): [string, UserTally] => [
  u(100 + i),
  tallyOf({ [on("Outlook")]: [25, 1] }),
]);

/** One failed attempt in each of six apps: none fails the user twice, together they do. */
const scattered = Object.fromEntries(
  ["App B", "App C", "App D", "App E", "App F", "App G"].map((app): [string, [number, number]] => [
    on(app),
    [1, 1],
  ]),
);

function reasonOf(cells: Record<string, [number, number]>): string {
  const result = attributeFailures({
    wave: countersOfTallies([[u(1), tallyOf(cells)], ...healthy]),
    expectedRate: RATE,
  });
  expect(result.kind).toBe("users");
  expect(result.holdBack.map((h) => h.userId)).toEqual([u(1)]);
  return result.holdBack[0]?.reason ?? "";
}

describe("the app named for a user whose failures are spread over their apps", () => {
  it("is the one with the most failed attempts, though it sorts last by name and came last", () => {
    // Zeta App: 2 of 10 failed (under the evidence a cell needs at 4%); the others 1 of 1 each.
    expect(reasonOf({ ...scattered, [on("Zeta App")]: [10, 2] })).toBe(
      "Zeta App on Windows 10: 2 of 10 sign-in attempts ended at the MFA prompt (50074), 8 completed",
    );
  });

  it("is the first by name when two failed as often, whichever the user used first", () => {
    const alpha = { [on("Alpha App")]: [10, 2] as [number, number] };
    const zeta = { [on("Zeta App")]: [10, 2] as [number, number] };
    const named =
      "Alpha App on Windows 10: 2 of 10 sign-in attempts ended at the MFA prompt (50074), 8 completed";
    expect(reasonOf({ ...zeta, ...scattered, ...alpha })).toBe(named);
    expect(reasonOf({ ...alpha, ...scattered, ...zeta })).toBe(named);
  });
});

describe("the diagnosis when a user's broken cell is the broken app", () => {
  // User 1 fails 20 of 45 in Invoicing on iOS: beyond noise as a cell, though under the broken
  // rate (50%); user 2 fails all 3 of theirs; two more users of the app, and the 40 of Outlook,
  // fail at the expected rate.
  const invoicing = clusterKey({
    app: "Contoso Invoicing",
    clientApp: "Mobile Apps and Desktop clients",
    platform: "Ios",
  });
  const wave = countersOfTallies([
    [u(1), tallyOf({ [invoicing]: [45, 20] })],
    [u(2), tallyOf({ [invoicing]: [3, 3] })],
    [u(200), tallyOf({ [invoicing]: [25, 1] })],
    [u(201), tallyOf({ [invoicing]: [25, 1] })],
    ...healthy,
  ]);

  it("is the app, with both its users, not two users apart", () => {
    const result = attributeFailures({ wave, expectedRate: RATE });
    expect(result.kind).toBe("cluster");
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2)]);
    // What the operator reads: the shrink names the app, not two users apart.
    const decision = decide(bake(), { health: health("Fail"), attribution: result }, limits);
    expect(decision).toEqual({
      decision: "shrink",
      reason: "holding back 2 users who account for the failures (one app and platform)",
      holdBack: result.holdBack,
    });
  });
});
