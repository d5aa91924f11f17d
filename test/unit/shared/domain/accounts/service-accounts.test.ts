import {
  classifyAccount,
  clientKind,
  createUsageFold,
  longestQuietHours,
  mayBeServiceAccount,
  profileUsage,
  SERVICE_ACCOUNT_RULES,
  type UsageRow,
} from "../../../../../shared/domain";
import { u } from "../fixtures";

const ROPC: Partial<UsageRow> = {
  clientAppUsed: "Mobile Apps and Desktop clients",
  deviceDetail: { browser: "", deviceId: "" },
};
const IMAP: Partial<UsageRow> = { clientAppUsed: "IMAP4", deviceDetail: { browser: "", deviceId: "" } };
const PHONE: Partial<UsageRow> = {
  clientAppUsed: "Mobile Apps and Desktop clients",
  deviceDetail: { browser: "Rich Client 4.66.0", deviceId: "" },
};

/** One attempt per hour in `hours`, cycling, `count` attempts in all, on days from 2026-01-01. */
function rows(
  userId: string,
  count: number,
  hours: readonly number[],
  client: Partial<UsageRow>,
): UsageRow[] {
  return Array.from({ length: count }, (_, i) => {
    const day = 1 + Math.floor(i / hours.length);
    const hour = hours[i % hours.length] ?? 0;
    return {
      ...client,
      userId,
      id: `${userId}-${i}`,
      correlationId: `${userId}-c${i}`,
      createdDateTime: `2026-01-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:17:41.6195833Z`,
      isInteractive: true,
    };
  });
}

const ALL_DAY = Array.from({ length: 24 }, (_, h) => h);
/** Every third hour first, so even a few attempts cover the clock. */
const SPREAD = [0, 3, 6, 9, 12, 15, 18, 21, 1, 4, 7, 10, 13, 16, 19, 22];
const OFFICE = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];

function classify(list: UsageRow[], extra: { upn?: string; hasMethod?: boolean } = {}) {
  const usage = profileUsage(list, [u(1)]).get(u(1));
  return classifyAccount({
    userId: u(1),
    userPrincipalName: extra.upn ?? "invoices@contoso.com",
    hasMethod: extra.hasMethod ?? false,
    usage,
  });
}

describe("clientKind", () => {
  it.each([
    [{ clientAppUsed: "IMAP4" }, "legacy"],
    [{ clientAppUsed: "Exchange ActiveSync" }, "legacy"],
    [{ clientAppUsed: "Browser", authenticationProtocol: "ropc" }, "ropc"],
    [ROPC, "ropc"],
    [PHONE, "mfaCapable"],
    [{ clientAppUsed: "Browser", deviceDetail: { browser: "Edge 142.0.0" } }, "mfaCapable"],
    [{ clientAppUsed: "Browser", isInteractive: false, deviceDetail: { browser: "Edge" } }, "other"],
    [
      { clientAppUsed: "Mobile Apps and Desktop clients", deviceDetail: { browser: "", deviceId: "d1" } },
      "mfaCapable",
    ],
  ] as [UsageRow, string][])("%j is %s", (row, kind) => {
    expect(clientKind(row).kind).toBe(kind);
  });
});

describe("longestQuietHours", () => {
  it("counts round midnight, and 24 for no sign-ins", () => {
    const hours = new Array<number>(24).fill(0);
    expect(longestQuietHours(hours)).toBe(24);
    hours[8] = 1;
    hours[17] = 1;
    expect(longestQuietHours(hours)).toBe(14); // 18:00 to 08:00
    expect(longestQuietHours(ALL_DAY.map(() => 1))).toBe(0);
  });
});

describe("classifyAccount", () => {
  it("a password-only account signing in round the clock with no method is a service account, with its evidence", () => {
    const verdict = classify(rows(u(1), 48, ALL_DAY, ROPC));
    expect(verdict.serviceAccount).toBe(true);
    expect(verdict.evidence).toBe(
      "48 of 48 sign-in attempts password-only (ROPC (password only, no client or device named)); never an MFA-capable client; at all hours (longest quiet stretch 0 h); no MFA method registered",
    );
  });

  it("needs minAttempts attempts: one fewer is no evidence", () => {
    const min = SERVICE_ACCOUNT_RULES.minAttempts;
    expect(classify(rows(u(1), min, SPREAD, ROPC)).serviceAccount).toBe(true);
    expect(classify(rows(u(1), min - 1, SPREAD, ROPC)).serviceAccount).toBe(false);
  });

  it("around the clock means a quiet stretch of at most maxQuietHours", () => {
    const max = SERVICE_ACCOUNT_RULES.maxQuietHours;
    const busy = (quiet: number) => ALL_DAY.filter((h) => h >= quiet); // hours 0..quiet-1 are quiet
    expect(classify(rows(u(1), 48, busy(max), ROPC)).facts.longestQuietHours).toBe(max);
    expect(classify(rows(u(1), 48, busy(max), ROPC)).serviceAccount).toBe(true);
    expect(classify(rows(u(1), 48, busy(max + 1), ROPC)).serviceAccount).toBe(false);
  });

  it("a service-like name stands in for the hours, but not for the clients or the method", () => {
    expect(classify(rows(u(1), 40, OFFICE, ROPC)).serviceAccount).toBe(false);
    const named = classify(rows(u(1), 40, OFFICE, ROPC), { upn: "svc-invoice-sync@contoso.com" });
    expect(named.serviceAccount).toBe(true);
    expect(named.evidence).toContain("named like a service account");
    expect(
      classify(rows(u(1), 40, OFFICE, PHONE), { upn: "svc-invoice-sync@contoso.com" }).serviceAccount,
    ).toBe(false);
    expect(
      classify(rows(u(1), 40, ALL_DAY, ROPC), { upn: "svc-invoice-sync@contoso.com", hasMethod: true })
        .serviceAccount,
    ).toBe(false);
  });

  it("a person on an old mail client during office hours is not one", () => {
    expect(classify(rows(u(1), 40, OFFICE, IMAP)).serviceAccount).toBe(false);
  });

  it("legacy protocols round the clock count like ROPC", () => {
    expect(classify(rows(u(1), 40, ALL_DAY, IMAP)).serviceAccount).toBe(true);
  });

  it("a single MFA-capable attempt, or a registered method, says a person is behind it", () => {
    const list = [
      ...rows(u(1), 47, ALL_DAY, ROPC),
      ...rows(u(1), 1, [12], PHONE).map((r) => ({ ...r, id: "p", correlationId: "p" })),
    ];
    const verdict = classify(list);
    expect(verdict.facts.mfaCapableAttempts).toBe(1);
    expect(verdict.serviceAccount).toBe(false);
    expect(classify(rows(u(1), 48, ALL_DAY, ROPC), { hasMethod: true }).serviceAccount).toBe(false);
  });

  it("rows of one correlation are one attempt, and other users' rows are ignored", () => {
    const one = rows(u(1), 10, ALL_DAY, ROPC);
    const doubled = [
      ...one,
      ...one.map((r) => ({ ...r, id: `${r.id}-answer` })),
      ...rows(u(2), 30, ALL_DAY, ROPC),
    ];
    expect(classify(doubled).facts.attempts).toBe(10);
  });

  it("a user with no sign-ins is not a service account", () => {
    const verdict = classifyAccount({
      userId: u(1),
      userPrincipalName: "svc-x@contoso.com",
      hasMethod: false,
      usage: undefined,
    });
    expect(verdict.serviceAccount).toBe(false);
  });
});

describe("createUsageFold with candidatesOnly", () => {
  const BROWSER: Partial<UsageRow> = {
    clientAppUsed: "Browser",
    deviceDetail: { browser: "Edge", deviceId: "" },
  };
  const population = [u(1), u(2), u(3), u(4)];
  /** Password-only all week (u1), one phone attempt among them (u2), browser only (u3), none (u4). */
  const week = [
    ...rows(u(1), 30, ALL_DAY, ROPC),
    ...rows(u(2), 20, ALL_DAY, ROPC),
    ...rows(u(2), 1, [9], PHONE).map((r) => ({ ...r, id: "p", correlationId: "p" })),
    ...rows(u(2), 20, ALL_DAY, IMAP).map((r) => ({
      ...r,
      id: `${r.id}-late`,
      correlationId: `${r.correlationId}-late`,
    })),
    ...rows(u(3), 25, OFFICE, BROWSER),
  ];

  function fold(list: UsageRow[], candidatesOnly: boolean) {
    const f = createUsageFold(population, { candidatesOnly });
    for (let i = 0; i < list.length; i += 7) f.add(list.slice(i, i + 7));
    return f.profiles;
  }

  it("keeps only the users who may still be service accounts, with the same profile as the full fold", () => {
    const full = fold(week, false);
    const candidates = fold(week, true);
    expect([...candidates.keys()]).toEqual([u(1)]);
    expect(candidates.get(u(1))).toEqual(full.get(u(1)));
    for (const id of population) {
      expect(mayBeServiceAccount(candidates.get(id), false)).toBe(mayBeServiceAccount(full.get(id), false));
    }
  });

  it("a later row of an attempt already counted as password-only does not rule the user out", () => {
    const attempts = rows(u(1), 12, ALL_DAY, ROPC);
    const answered = attempts.map((r) => ({ ...r, ...PHONE, id: `${r.id}-mfa` }));
    const candidates = fold([...attempts, ...answered], true);
    expect(candidates.get(u(1))?.attempts).toBe(12);
    expect(mayBeServiceAccount(candidates.get(u(1)), false)).toBe(true);
  });
});
