import type { SignIn } from "@microsoft/microsoft-graph-types";
import { randomUUID } from "node:crypto";
import { startHarness, type Harness } from "./harness";

const POLICY = "12121212-1212-4212-8212-121212121212";

function signIn(
  userId: string,
  at: string,
  result: "reportOnlyFailure" | "reportOnlySuccess" | "notEnabled",
): SignIn {
  return {
    id: randomUUID(),
    createdDateTime: at,
    userId,
    appliedConditionalAccessPolicies: [{ id: POLICY, displayName: "R (report-only)", result }],
  };
}

describe("streamSignIns", () => {
  let h: Harness;
  afterEach(() => h.server.stop());

  const from = new Date("2026-11-20T00:00:00.000Z");
  const to = new Date("2026-11-21T00:00:00.000Z");

  it("sends Prefer: include-unknown-enum-members on every page, so report-only results stay visible", async () => {
    h = await startHarness();
    const [a, b] = h.tenant.addUsers(2) as [string, string];
    h.tenant.signIns = [
      signIn(a, "2026-11-20T10:00:00Z", "reportOnlyFailure"),
      signIn(b, "2026-11-20T11:00:00Z", "reportOnlySuccess"),
      signIn(a, "2026-11-20T12:00:00Z", "reportOnlyFailure"),
    ];
    const results: string[] = [];
    const pageSizes: number[] = [];
    const out = await h.gateway.streamSignIns({
      from,
      to,
      onPage: (page) => {
        pageSizes.push(page.length);
        results.push(...page.map((s) => s.appliedConditionalAccessPolicies?.[0]?.result ?? "?"));
      },
    });
    expect(out).toEqual({ pages: 2, signIns: 3 });
    expect(pageSizes).toEqual([2, 1]);
    expect(results).toEqual(["reportOnlyFailure", "reportOnlySuccess", "reportOnlyFailure"]);
    const reads = h.server.requests.filter((r) => r.path === "/auditLogs/signIns");
    expect(reads).toHaveLength(2);
    for (const r of reads) expect(r.headers["prefer"]).toBe("include-unknown-enum-members");
  });

  it("filters the time window server-side (whole seconds, widened outward) with $top=1000", async () => {
    h = await startHarness();
    const reads: URLSearchParams[] = [];
    h.tenant.before((req) => {
      if (req.path === "/auditLogs/signIns") reads.push(req.query);
      return undefined;
    });
    await h.gateway.streamSignIns({
      from,
      to: new Date("2026-11-21T00:00:00.400Z"),
      onPage: () => undefined,
    });
    expect(reads[0]?.get("$filter")).toBe(
      "createdDateTime ge 2026-11-20T00:00:00Z and createdDateTime le 2026-11-21T00:00:01Z",
    );
    expect(reads[0]?.get("$top")).toBe("1000");
  });

  it("asks for a small user set server-side in chunks, and keeps only those users and the exact window", async () => {
    h = await startHarness();
    const users = h.tenant.addUsers(12);
    const others = h.tenant.addUsers(1);
    // The fake ignores $filter, so anything the gateway hands over was narrowed by the gateway.
    h.tenant.signIns = [
      signIn(users[0] as string, "2026-11-20T10:00:00Z", "reportOnlyFailure"),
      signIn(others[0] as string, "2026-11-20T10:00:00Z", "reportOnlyFailure"),
      signIn(users[1] as string, "2026-11-19T23:59:59Z", "reportOnlyFailure"),
    ];
    const seen: string[] = [];
    const out = await h.gateway.streamSignIns({
      from,
      to,
      userIds: new Set(users),
      usersPerQuery: 5,
      onPage: (page) => {
        seen.push(...page.map((s) => s.userId ?? ""));
      },
    });
    const filters = h.server.requests
      .filter((r) => r.path === "/auditLogs/signIns" && !r.query.has("skip"))
      .map((r) => r.query.get("$filter") ?? "");
    expect(filters).toHaveLength(3);
    expect(filters[0]).toContain(`and (userId eq '${users[0]}' or userId eq '${users[1]}'`);
    expect(filters.every((f) => f.startsWith("createdDateTime ge "))).toBe(true);
    // Each of the 3 queries read the same fake log, so user 0's sign-in arrives once per query;
    // the point here is what was dropped: the other user and the sign-in outside the window.
    expect(new Set(seen)).toEqual(new Set([users[0]]));
    expect(out.signIns).toBe(seen.length);
  });

  it("reads a large user set with a time-only filter and narrows it here", async () => {
    h = await startHarness();
    const users = h.tenant.addUsers(60);
    h.tenant.signIns = [
      signIn(users[59] as string, "2026-11-20T10:00:00Z", "notEnabled"),
      signIn(randomUUID(), "2026-11-20T10:00:00Z", "notEnabled"),
    ];
    const seen: string[] = [];
    await h.gateway.streamSignIns({
      from,
      to,
      userIds: new Set(users),
      onPage: (p) => void seen.push(...p.map((s) => s.userId ?? "")),
    });
    const filters = h.server.requests
      .filter((r) => r.path === "/auditLogs/signIns")
      .map((r) => r.query.get("$filter"));
    expect(filters).toHaveLength(1);
    expect(filters[0]).not.toContain("userId");
    expect(seen).toEqual([users[59]]);
  });

  it("asks for the next page while the caller counts the current one, and still hands pages over in order", async () => {
    h = await startHarness();
    const [a] = h.tenant.addUsers(1) as [string];
    h.tenant.signIns = [10, 11, 12, 13, 14].map((hour) =>
      signIn(a, `2026-11-20T${hour}:00:00Z`, "reportOnlySuccess"),
    );
    const asked = () => h.server.requests.filter((r) => r.path === "/auditLogs/signIns").length;
    const askedWhenHanded: number[] = [];
    const times: string[] = [];
    await h.gateway.streamSignIns({
      from,
      to,
      onPage: async (page) => {
        times.push(...page.map((s) => s.createdDateTime ?? ""));
        // Counting takes a while; meanwhile the next page's request reaches the server.
        await new Promise((resolve) => setTimeout(resolve, 30));
        askedWhenHanded.push(asked());
      },
    });
    // Pages of 2: the second was asked for while the first was being counted, and so on.
    expect(askedWhenHanded).toEqual([2, 3, 3]);
    expect(times).toEqual(h.tenant.signIns.map((s) => s.createdDateTime));
  });

  it("stops at a caller's failure without reading further pages", async () => {
    h = await startHarness();
    const [a] = h.tenant.addUsers(1) as [string];
    h.tenant.signIns = [10, 11, 12, 13, 14].map((hour) =>
      signIn(a, `2026-11-20T${hour}:00:00Z`, "reportOnlySuccess"),
    );
    await expect(
      h.gateway.streamSignIns({
        from,
        to,
        onPage: () => {
          throw new Error("counters table unavailable");
        },
      }),
    ).rejects.toThrow("counters table unavailable");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.server.requests.filter((r) => r.path === "/auditLogs/signIns")).toHaveLength(2);
  });

  it("reads whole sign-ins when Graph refuses $select, and stops asking for it", async () => {
    h = await startHarness();
    const [a] = h.tenant.addUsers(1) as [string];
    h.tenant.signIns = [10, 11, 12].map((hour) =>
      signIn(a, `2026-11-20T${hour}:00:00Z`, "reportOnlyFailure"),
    );
    h.tenant.before((req) =>
      req.path === "/auditLogs/signIns" && req.query.has("$select")
        ? {
            status: 400,
            body: { error: { code: "BadRequest", message: "Query option '$select' is not supported." } },
          }
        : undefined,
    );
    const read = async () => {
      let counted = 0;
      await h.gateway.streamSignIns({ from, to, onPage: (page) => void (counted += page.length) });
      return counted;
    };
    expect(await read()).toBe(3);
    expect(await read()).toBe(3);
    const selected = h.server.requests.filter(
      (r) => r.path === "/auditLogs/signIns" && r.query.has("$select"),
    );
    expect(selected).toHaveLength(1);
  });

  it("asks for the sign-in properties counting reads, and no others", async () => {
    h = await startHarness();
    await h.gateway.streamSignIns({ from, to, onPage: () => undefined });
    const select = h.server.requests.find((r) => r.path === "/auditLogs/signIns")?.query.get("$select");
    expect(select?.split(",")).toEqual(
      expect.arrayContaining(["userId", "appliedConditionalAccessPolicies"]),
    );
    expect(select).not.toContain("userPrincipalName");
  });

  it("refuses a reversed window and non-GUID user ids before calling Graph", async () => {
    h = await startHarness();
    await expect(h.gateway.streamSignIns({ from: to, to: from, onPage: () => undefined })).rejects.toThrow(
      /from <= to/,
    );
    await expect(
      h.gateway.streamSignIns({
        from,
        to,
        userIds: new Set(["x' or userId eq 'y"]),
        onPage: () => undefined,
      }),
    ).rejects.toThrow(/GUID/);
    expect(h.server.httpCalls()).toBe(0);
  });
});

describe("streamRegistrationDetails / getUsers", () => {
  let h: Harness;
  afterEach(() => h.server.stop());

  it("reads every page and narrows to the asked users (the report has no id filter)", async () => {
    h = await startHarness();
    const users = h.tenant.addUsers(5);
    h.tenant.registration = users.map((id, i) => ({ id, isMfaRegistered: i % 2 === 0 }));
    const seen: string[] = [];
    const out = await h.gateway.streamRegistrationDetails({
      userIds: new Set([users[1] as string, users[4] as string]),
      onPage: (page) => void seen.push(...page.map((d) => d.id ?? "")),
    });
    expect(out).toEqual({ pages: 3, users: 2 });
    expect(seen).toEqual([users[1], users[4]]);
  });

  it("reports which break-glass accounts exist and whether they are enabled", async () => {
    h = await startHarness();
    const [ok, disabled] = h.tenant.addUsers(2) as [string, string];
    h.tenant.users.get(disabled)!.accountEnabled = false;
    const missing = "00000000-0000-4000-8000-000000000001";
    const out = await h.gateway.getUsers([ok, disabled, missing]);
    expect(out.missing).toEqual([missing]);
    expect(out.found.map((u) => [u.id, u.accountEnabled])).toEqual([
      [ok, true],
      [disabled, false],
    ]);
    expect(h.server.httpCalls()).toBe(1);
  });
});
