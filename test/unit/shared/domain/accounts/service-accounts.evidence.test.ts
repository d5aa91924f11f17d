import {
  classifyAccount,
  clientKind,
  createUsageFold,
  longestQuietHours,
  mayBeServiceAccount,
  PLAN_EXCLUSION_DAYS,
  profileUsage,
  SERVICE_ACCOUNT_REASON,
  SERVICE_ACCOUNT_RULES,
  serviceAccountPlacements,
  type UsageProfile,
  type UsageRow,
} from "../../../../../shared/domain";
import { u } from "../fixtures";

/** What an admin reads about each account: the labels, the evidence line, the placements. */

const ropc = {
  clientAppUsed: "Mobile Apps and Desktop clients",
  deviceDetail: { browser: "", deviceId: "" },
};

function profile(partial: Partial<UsageProfile>): UsageProfile {
  return {
    attempts: 0,
    passwordOnly: 0,
    mfaCapable: 0,
    hours: new Array<number>(24).fill(0),
    clients: [],
    ...partial,
  };
}

describe("clientKind labels", () => {
  it.each([
    [{ clientAppUsed: "imap4" }, "legacy", "imap4 (legacy authentication)"],
    [{ clientAppUsed: "Browser", authenticationProtocol: "ROPC" }, "ropc", "ROPC (password only)"],
    [ropc, "ropc", "ROPC (password only, no client or device named)"],
    [{ clientAppUsed: "Browser", deviceDetail: { browser: "Edge 142" } }, "mfaCapable", "Browser"],
    [
      {
        clientAppUsed: "Mobile Apps and Desktop clients",
        isInteractive: false,
        deviceDetail: { deviceId: "d1" },
      },
      "other",
      "Mobile Apps and Desktop clients",
    ],
    [
      { clientAppUsed: "Browser", isInteractive: false, deviceDetail: { browser: "Edge" } },
      "other",
      "Browser",
    ],
    [{}, "other", "unknown client"],
    [
      { clientAppUsed: "Mobile Apps and Desktop clients" },
      "ropc",
      "ROPC (password only, no client or device named)",
    ],
    [
      { clientAppUsed: "Mobile Apps and Desktop clients", deviceDetail: { browser: null, deviceId: null } },
      "ropc",
      "ROPC (password only, no client or device named)",
    ],
  ] as [UsageRow, string, string][])("%j is %s, labelled %j", (row, kind, label) => {
    expect(clientKind(row)).toEqual({ kind, label });
  });
});

describe("usage profiles", () => {
  it("matches users case-insensitively and skips rows of nobody asked for", () => {
    const profiles = profileUsage(
      [
        { ...ropc, userId: u(1).toUpperCase(), id: "a", createdDateTime: "2026-01-01T03:00:00Z" },
        { ...ropc, userId: null, id: "b" },
        { ...ropc, userId: u(2), id: "c" },
      ],
      [u(1)],
    );
    expect([...profiles.keys()]).toEqual([u(1)]);
    expect(profiles.get(u(1))).toMatchObject({ attempts: 1, passwordOnly: 1, mfaCapable: 0 });
  });

  it("rows without a correlation id or id are each an attempt; one without a time counts but has no hour", () => {
    const fold = createUsageFold([u(1)]);
    fold.add([
      { ...ropc, userId: u(1), createdDateTime: "2026-01-01T05:10:00Z" },
      { ...ropc, userId: u(1), createdDateTime: "2026-01-01T05:20:00Z" },
    ]);
    fold.add([
      { ...ropc, userId: u(1), id: "x", createdDateTime: "not a time" },
      { ...ropc, userId: u(1), id: "x", createdDateTime: "2026-01-01T07:00:00Z" },
    ]);
    const usage = fold.profiles.get(u(1));
    expect(usage?.attempts).toBe(3);
    expect(usage?.hours[5]).toBe(2);
    expect(usage?.hours.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("counts MFA-capable attempts and lists each client once", () => {
    const usage = profileUsage(
      [
        { userId: u(1), id: "1", clientAppUsed: "Browser", deviceDetail: { browser: "Edge" } },
        { userId: u(1), id: "2", clientAppUsed: "Browser", deviceDetail: { browser: "Edge" } },
        { userId: u(1), id: "3", clientAppUsed: "IMAP4" },
      ],
      [u(1)],
    ).get(u(1));
    expect(usage).toMatchObject({
      attempts: 3,
      passwordOnly: 1,
      mfaCapable: 2,
      clients: ["Browser", "IMAP4 (legacy authentication)"],
    });
  });
});

describe("longestQuietHours", () => {
  it("counts a quiet night across midnight as one stretch", () => {
    const hours = new Array<number>(24).fill(0).map((_, h) => (h >= 6 && h <= 20 ? 1 : 0));
    expect(longestQuietHours(hours)).toBe(9); // 21:00 to 06:00
  });

  it("one busy hour a day leaves 23 quiet ones", () => {
    const hours = new Array<number>(24).fill(0);
    hours[0] = 4;
    expect(longestQuietHours(hours)).toBe(23);
  });
});

describe("the evidence line and the verdict", () => {
  it("says what made a person: MFA-capable attempts, a quiet night, a method", () => {
    const hours = new Array<number>(24).fill(0).map((_, h) => (h >= 8 && h < 18 ? 2 : 0));
    const verdict = classifyAccount({
      userId: u(1),
      hasMethod: true,
      usage: profile({ attempts: 20, passwordOnly: 15, mfaCapable: 5, hours, clients: ["Browser"] }),
    });
    expect(verdict.serviceAccount).toBe(false);
    expect(verdict.evidence).toBe(
      "15 of 20 sign-in attempts password-only (Browser); 5 from MFA-capable clients; quiet for 14 h a day; has an MFA method",
    );
    expect(verdict).not.toHaveProperty("userPrincipalName");
  });

  it("with no sign-ins: no clients, quiet all day", () => {
    const verdict = classifyAccount({
      userId: u(1),
      userPrincipalName: "ann@contoso.com",
      hasMethod: false,
      usage: undefined,
    });
    expect(verdict.evidence).toBe(
      "0 of 0 sign-in attempts password-only (none); never an MFA-capable client; quiet for 24 h a day; no MFA method registered",
    );
    expect(verdict.userPrincipalName).toBe("ann@contoso.com");
  });

  it("a service-like display name is a hint like a service-like account name; the domain is not", () => {
    const office = new Array<number>(24).fill(0).map((_, h) => (h >= 8 && h < 18 ? 2 : 0));
    const usage = profile({
      attempts: 20,
      passwordOnly: 20,
      hours: office,
      clients: ["IMAP4 (legacy authentication)"],
    });
    const by = (names: { userPrincipalName?: string; displayName?: string }) =>
      classifyAccount({ userId: u(1), hasMethod: false, usage, ...names }).serviceAccount;
    expect(by({ userPrincipalName: "ann@contoso.com", displayName: "Invoice Robot" })).toBe(true);
    expect(by({ userPrincipalName: "ann@service.contoso.com", displayName: "Ann Smith" })).toBe(false);
    expect(by({ userPrincipalName: "ann@contoso.com", displayName: "Ann Smith" })).toBe(false);
  });

  it("mayBeServiceAccount needs every attempt password-only, at least minAttempts of them, and no method", () => {
    const min = SERVICE_ACCOUNT_RULES.minAttempts;
    expect(mayBeServiceAccount(profile({ attempts: min, passwordOnly: min }), false)).toBe(true);
    expect(mayBeServiceAccount(profile({ attempts: min - 1, passwordOnly: min - 1 }), false)).toBe(false);
    expect(mayBeServiceAccount(profile({ attempts: min + 1, passwordOnly: min }), false)).toBe(false);
    expect(mayBeServiceAccount(profile({ attempts: min, passwordOnly: min }), true)).toBe(false);
    expect(mayBeServiceAccount(undefined, false)).toBe(false);
  });
});

describe("serviceAccountPlacements", () => {
  const accounts = [{ userId: u(1) }, { userId: u(2) }];
  const at = "2026-03-02T10:00:00.000Z";

  it("include places nobody: they go in waves like people", () => {
    expect(serviceAccountPlacements("include", accounts, at)).toEqual([]);
  });

  it("hold holds them back with no retry date", () => {
    expect(serviceAccountPlacements("hold", accounts, at)).toEqual([
      { userId: u(1), stage: "heldBack", reason: SERVICE_ACCOUNT_REASON },
      { userId: u(2), stage: "heldBack", reason: SERVICE_ACCOUNT_REASON },
    ]);
  });

  it("exclude excludes them until PLAN_EXCLUSION_DAYS after the start", () => {
    expect(PLAN_EXCLUSION_DAYS).toBe(30);
    expect(serviceAccountPlacements("exclude", accounts, at)).toEqual(
      accounts.map(({ userId }) => ({
        userId,
        stage: "excluded",
        reason: SERVICE_ACCOUNT_REASON,
        exclusionExpiresAt: "2026-04-01T10:00:00.000Z",
      })),
    );
  });
});
