import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../../../local/clock";
import { startGraphSimulator } from "../../../../../local/graph-sim";
import { resolveScenario } from "../../../../../local/graph-sim/server/load-tenant";
import { parseFilter } from "../../../../../local/graph-sim/server/odata-filter";
import { objectIdFromReference } from "../../../../../local/graph-sim/server/routes/groups";
import { parseOrderBy, sortDetails } from "../../../../../local/graph-sim/server/routes/registration";
import {
  hideEvolvedEnumMembers,
  prefersUnknownEnumMembers,
  signInBounds,
} from "../../../../../local/graph-sim/server/routes/sign-ins";
import { FakeTenant } from "./fake-tenant";

describe("sign-in helpers", () => {
  const now = new Date("2026-03-01T12:00:00Z");

  it("narrows generation to the createdDateTime bounds and userIds of top-level and-terms", () => {
    const bounds = signInBounds(
      parseFilter(
        "createdDateTime ge 2026-02-27T00:00:00Z and createdDateTime le 2026-02-28T00:00:00Z and (userId eq 'a' or userId eq 'b')",
      ),
      now,
    );
    expect(bounds.from.toISOString()).toBe("2026-02-27T00:00:00.000Z");
    expect(bounds.to.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect([...(bounds.userIds ?? [])].sort()).toEqual(["a", "b"]);
  });

  it("narrows by userPrincipalName eq when the directory resolves it, and not otherwise", () => {
    const resolve = (upn: string) => (upn === "alex@x.com" ? "id-alex" : undefined);
    expect(signInBounds(parseFilter("userPrincipalName eq 'alex@x.com'"), now, resolve).userIds).toEqual(
      new Set(["id-alex"]),
    );
    expect(
      signInBounds(parseFilter("userPrincipalName eq 'gone@x.com'"), now, resolve).userIds,
    ).toBeUndefined();
  });

  it("defaults to the last 30 days and does not narrow users under an or with other terms", () => {
    const bounds = signInBounds(parseFilter("userId eq 'a' or appId eq 'x'"), now);
    expect(bounds.userIds).toBeUndefined();
    expect(now.getTime() - bounds.from.getTime()).toBe(30 * 24 * 3600_000);
    expect(bounds.to).toEqual(now);
  });

  it("maps only reportOnly* results to unknownFutureValue", () => {
    const signIn: SignIn = {
      appliedConditionalAccessPolicies: [
        { id: "1", result: "reportOnlyInterrupted" },
        { id: "2", result: "failure" },
        { id: "3", result: "reportOnlySuccess" },
      ],
    };
    expect(hideEvolvedEnumMembers(signIn).appliedConditionalAccessPolicies?.map((p) => p.result)).toEqual([
      "unknownFutureValue",
      "failure",
      "unknownFutureValue",
    ]);
    expect(signIn.appliedConditionalAccessPolicies?.[0]?.result).toBe("reportOnlyInterrupted");
  });

  it.each([
    ["include-unknown-enum-members", true],
    ["odata.maxpagesize=10, Include-Unknown-Enum-Members", true],
    ["return=minimal", false],
    [undefined, false],
  ])("reads the Prefer header %p", (header, expected) => {
    expect(prefersUnknownEnumMembers(header)).toBe(expected);
  });
});

describe("registration ordering", () => {
  it("parses $orderby and sorts case-insensitively with later keys breaking ties", () => {
    const order = parseOrderBy("isMfaRegistered desc, userPrincipalName");
    const sorted = sortDetails(
      [
        { id: "1", isMfaRegistered: false, userPrincipalName: "b@x" },
        { id: "2", isMfaRegistered: true, userPrincipalName: "C@x" },
        { id: "3", isMfaRegistered: true, userPrincipalName: "a@x" },
      ],
      order,
    );
    expect(sorted.map((d) => d.id)).toEqual(["3", "2", "1"]);
  });

  it.each(["methodsRegistered", "userPrincipalName sideways", "nope asc"])(
    "rejects $orderby %p",
    (clause) => {
      expect(() => parseOrderBy(clause)).toThrow(/orderby/);
    },
  );
});

describe("member references", () => {
  it.each([
    ["https://graph.microsoft.com/v1.0/directoryObjects/abc", "abc"],
    ["https://graph.microsoft.com/v1.0/users/abc/", "abc"],
    ["http://127.0.0.1:9/v1.0/directoryObjects/a%40b", "a@b"],
  ])("reads the object id from %p", (reference, id) => {
    expect(objectIdFromReference(reference)).toBe(id);
  });

  it.each([undefined, "", "abc", "https://graph.microsoft.com/v1.0/groups/abc"])(
    "rejects %p with 400",
    (reference) => {
      expect(() => objectIdFromReference(reference)).toThrow(expect.objectContaining({ status: 400 }));
    },
  );
});

describe("scenario input", () => {
  it("reads a .json path from disk and passes names and objects through", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "graph-sim-")), "tiny.json");
    writeFileSync(file, JSON.stringify({ name: "tiny", extends: "clean" }));
    expect(resolveScenario(file)).toEqual({ name: "tiny", extends: "clean" });
    expect(resolveScenario("clean")).toBe("clean");
    expect(resolveScenario({ name: "x" })).toEqual({ name: "x" });
  });
});

describe("sign-in paging over HTTP", () => {
  it("resumes strictly after the cursor and stops without a nextLink on the last page", async () => {
    const clock = new ManualClock("2026-03-01T12:00:00Z");
    const tenant = new FakeTenant({ clock, users: 7, signInsPerUser: 3 });
    const sim = await startGraphSimulator({ tenant, clock, throttling: { enabled: false } });
    try {
      const ids: string[] = [];
      let url: string | undefined = `${sim.baseUrl}/auditLogs/signIns?$top=4`;
      let pages = 0;
      while (url) {
        const page = (await (await fetch(url, { headers: { Authorization: "Bearer t" } })).json()) as {
          value: SignIn[];
          "@odata.nextLink"?: string;
        };
        ids.push(...page.value.map((s) => s.id ?? ""));
        url = page["@odata.nextLink"];
        pages++;
      }
      expect(pages).toBe(Math.ceil(21 / 4));
      expect(ids).toEqual(tenant.allSignIns().map((s) => s.id));
      expect(new Set(ids).size).toBe(21);
    } finally {
      await sim.stop();
    }
  });
});

describe("sign-ins filtered by time only", () => {
  it("holds exactly the sign-ins inside bounds that fall between whole seconds", async () => {
    const clock = new ManualClock("2026-01-09T00:00:00Z");
    const sim = await startGraphSimulator({ scenario: "clean", clock, throttling: { enabled: false } });
    const read = async (filter: string): Promise<string[]> => {
      const times: string[] = [];
      let url: string | undefined =
        `${sim.baseUrl}/auditLogs/signIns?$select=createdDateTime&$filter=${encodeURIComponent(filter)}`;
      while (url) {
        const response = await fetch(url, { headers: { Authorization: "Bearer t" } });
        const page = (await response.json()) as { value: SignIn[]; "@odata.nextLink"?: string };
        times.push(...page.value.map((s) => s.createdDateTime ?? ""));
        url = page["@odata.nextLink"];
      }
      return times;
    };
    try {
      const day = await read(
        "createdDateTime ge 2026-01-07T00:00:00Z and createdDateTime le 2026-01-08T00:00:00Z",
      );
      expect(day.length).toBeGreaterThan(20);
      const from = day[day.length - 5] as string;
      const to = day[4] as string;
      // A millisecond after the row's truncated instant: strictly after it, before the next row.
      const after = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();
      const inside = await read(`createdDateTime ge ${after(from)} and createdDateTime le ${after(to)}`);
      expect(inside).toEqual(day.filter((t) => t > from && t <= to));
    } finally {
      await sim.stop();
    }
  });
});
