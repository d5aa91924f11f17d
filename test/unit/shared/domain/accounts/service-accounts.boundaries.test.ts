import {
  classifyAccount,
  createUsageFold,
  profileUsage,
  SERVICE_ACCOUNT_RULES,
  type UsageProfile,
  type UsageRow,
} from "../../../../../shared/domain";

/**
 * The service-account check at its edges: ids in either case (hex letters, not only digits), a
 * legacy-protocol account kept as a candidate, and the evidence line an admin checks against the
 * log at exactly the quiet-hours limit.
 */
const LOWER = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const UPPER = LOWER.toUpperCase();
const imap = (userId: string, id: string): UsageRow => ({
  userId,
  id,
  clientAppUsed: "IMAP4",
  createdDateTime: "2026-01-01T03:00:00Z",
});

describe("usage profiles: ids in either case", () => {
  it("count an upper-case row for a user asked for in lower case, under the lower-case id", () => {
    const profiles = profileUsage([imap(UPPER, "1")], [LOWER]);
    expect([...profiles.keys()]).toEqual([LOWER]);
  });

  it("count a lower-case row for a user asked for in upper case", () => {
    const profiles = profileUsage([imap(LOWER, "1")], [UPPER]);
    expect(profiles.get(LOWER)?.attempts).toBe(1);
  });
});

describe("usage profiles with candidatesOnly", () => {
  it("keep a user signing in by a legacy protocol (IMAP), who may still be a service account", () => {
    const fold = createUsageFold([LOWER], { candidatesOnly: true });
    fold.add([imap(LOWER, "1"), imap(LOWER, "2")]);
    expect(fold.profiles.get(LOWER)).toMatchObject({ attempts: 2, passwordOnly: 2 });
  });
});

describe("the evidence line", () => {
  const max = SERVICE_ACCOUNT_RULES.maxQuietHours;
  /** Password-only attempts in every hour but the first `quiet` of the day. */
  const usage = (quiet: number, clients = ["IMAP4 (legacy authentication)"]): UsageProfile => ({
    attempts: 40,
    passwordOnly: 40,
    mfaCapable: 0,
    hours: Array.from({ length: 24 }, (_, h) => (h < quiet ? 0 : 2)),
    clients,
  });
  const evidence = (profile: UsageProfile) =>
    classifyAccount({ userId: LOWER, hasMethod: false, usage: profile }).evidence;

  it(`says "at all hours" at a quiet stretch of exactly maxQuietHours (${max} h)`, () => {
    expect(evidence(usage(max))).toContain(`at all hours (longest quiet stretch ${max} h)`);
  });

  it("says how long it is quiet one hour over it", () => {
    expect(evidence(usage(max + 1))).toContain(`quiet for ${max + 1} h a day`);
  });

  it("lists every client, comma-separated", () => {
    const clients = ["IMAP4 (legacy authentication)", "POP3 (legacy authentication)"];
    expect(evidence(usage(0, clients))).toContain(
      "40 of 40 sign-in attempts password-only (IMAP4 (legacy authentication), POP3 (legacy authentication))",
    );
  });
});
