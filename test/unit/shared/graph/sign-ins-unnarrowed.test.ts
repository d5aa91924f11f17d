import type { SignIn } from "@microsoft/microsoft-graph-types";
import { randomUUID } from "node:crypto";
import { MAX_SERVER_SIDE_USERS, serverSideUserIds } from "../../../../shared/graph/sign-ins";
import { startHarness, type Harness } from "./harness";

const signIn = (userId: string, at: string): SignIn => ({ id: randomUUID(), createdDateTime: at, userId });

// The gate counters test every sign-in's user and time themselves, so they ask the gateway not
// to filter again (narrow: false) and pass user ids only when the server would filter on them.
describe("streamSignIns for a caller that narrows itself", () => {
  let h: Harness;
  afterEach(() => h.server.stop());

  const from = new Date("2026-11-20T00:00:00.500Z");
  const to = new Date("2026-11-21T00:00:00.000Z");

  it("hands pages over as Graph filtered them, and counts every sign-in handed over", async () => {
    h = await startHarness();
    const [member] = h.tenant.addUsers(1) as [string];
    const stranger = randomUUID();
    // The fake ignores $filter: what arrives is what the gateway let through.
    h.tenant.signIns = [
      signIn(member, "2026-11-20T10:00:00Z"),
      signIn(stranger, "2026-11-20T10:00:00Z"),
      signIn(member, "2026-11-20T00:00:00Z"),
    ];
    const seen: string[] = [];
    const out = await h.gateway.streamSignIns({
      from,
      to,
      userIds: new Set(h.tenant.addUsers(MAX_SERVER_SIDE_USERS + 1)),
      narrow: false,
      onPage: (page) => void seen.push(...page.map((s) => `${s.userId}@${s.createdDateTime}`)),
    });
    expect(seen).toEqual(h.tenant.signIns.map((s) => `${s.userId}@${s.createdDateTime}`));
    expect(out.signIns).toBe(3);
  });

  it("still asks the server for a small user set", async () => {
    h = await startHarness();
    const users = h.tenant.addUsers(3);
    await h.gateway.streamSignIns({
      from,
      to,
      userIds: serverSideUserIds(new Map(users.map((id) => [id, {}]))),
      narrow: false,
      onPage: () => undefined,
    });
    const filter = h.server.requests.find((r) => r.path === "/auditLogs/signIns")?.query.get("$filter");
    for (const id of users) expect(filter).toContain(`userId eq '${id}'`);
  });
});

describe("serverSideUserIds", () => {
  it("passes no user ids for a set the server would not filter on", () => {
    const ids = (n: number) => new Map(Array.from({ length: n }, () => [randomUUID(), {}]));
    expect(serverSideUserIds(ids(MAX_SERVER_SIDE_USERS))?.size).toBe(MAX_SERVER_SIDE_USERS);
    expect(serverSideUserIds(ids(MAX_SERVER_SIDE_USERS + 1))).toBeUndefined();
  });
});
