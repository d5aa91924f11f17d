import { startHarness, type Harness } from "./harness";
import { graphError } from "./fake-graph-server";

describe("addMembers / removeMembers / listGroupMemberIds", () => {
  let h: Harness;
  afterEach(() => h.server.stop());

  it("packs 85 users into 5 PATCHes inside ONE HTTP call", async () => {
    h = await startHarness();
    const group = h.tenant.addGroup("g");
    const users = h.tenant.addUsers(85);
    const result = await h.gateway.addMembers(group, users);
    expect(result).toEqual({ added: 85, alreadyMembers: 0, notFound: [], requests: 1 });
    expect(h.server.httpCalls()).toBe(1);
    const patches = h.server.requests.filter((r) => r.viaBatch && r.method === "PATCH");
    expect(patches.map((r) => (r.body as Record<string, string[]>)["members@odata.bind"]?.length)).toEqual([
      20, 20, 20, 20, 5,
    ]);
    expect(h.tenant.groups.get(group)?.members.size).toBe(85);
  });

  it("moves 1,000 users in 3 HTTP calls (400 per $batch)", async () => {
    h = await startHarness();
    const group = h.tenant.addGroup("g");
    const result = await h.gateway.addMembers(group, h.tenant.addUsers(1000));
    expect(result.added).toBe(1000);
    expect(result.requests).toBe(3);
    expect(h.server.httpCalls()).toBe(3);
    expect(h.gateway.counts()).toMatchObject({
      total: 3,
      writes: 50,
      batchItems: 50,
      throttled: 0,
      retries: 0,
    });
  });

  it("is idempotent: adding the same users again succeeds and reports them as already members", async () => {
    h = await startHarness();
    const group = h.tenant.addGroup("g");
    const users = h.tenant.addUsers(45);
    await h.gateway.addMembers(group, users);
    const again = await h.gateway.addMembers(group, users);
    expect(again).toMatchObject({ added: 0, alreadyMembers: 45, notFound: [] });
    expect(h.tenant.groups.get(group)?.members.size).toBe(45);
  });

  it("adds the rest of a chunk when some users are members already or unknown, reporting each", async () => {
    h = await startHarness();
    const group = h.tenant.addGroup("g");
    const users = h.tenant.addUsers(45);
    await h.gateway.addMembers(group, users.slice(0, 3));
    const ghost = "00000000-0000-4000-8000-00000000dead";
    // Chunks: [0..19] holds 3 members, [20..39] is clean, [40..44 + ghost] holds an unknown user.
    const result = await h.gateway.addMembers(group, [...users, ghost]);
    expect(result).toMatchObject({ added: 42, alreadyMembers: 3, notFound: [ghost] });
    expect(h.tenant.groups.get(group)?.members.size).toBe(45);
    // Only the refused chunks went one by one; the clean chunk stayed packed.
    const singles = h.server.requests.filter((r) => r.viaBatch && r.method === "POST");
    expect(singles).toHaveLength(20 + 6);
  });

  it("waits and retries when a just-created group says the referenced objects do not exist", async () => {
    h = await startHarness({ membership: { replicationRetryDelayMs: 1500 } });
    const group = h.tenant.addGroup("g");
    const users = h.tenant.addUsers(5);
    let lag = 2;
    h.tenant.before((req) =>
      req.method === "PATCH" && lag-- > 0
        ? graphError(400, "Request_BadRequest", "One or more of the objects being referenced do not exist.")
        : undefined,
    );
    const result = await h.gateway.addMembers(group, users);
    expect(result).toMatchObject({ added: 5, alreadyMembers: 0, notFound: [] });
    expect(h.delays).toEqual([1500, 1500]);
  });

  it("rejects ids that are not GUIDs before sending anything", async () => {
    h = await startHarness();
    const group = h.tenant.addGroup("g");
    await expect(h.gateway.addMembers(group, ["bob@contoso.com"])).rejects.toThrow(/GUID/);
    await expect(h.gateway.removeMembers("../users", [])).rejects.toThrow(/GUID/);
    expect(h.server.httpCalls()).toBe(0);
  });

  it("removes members with /$ref and treats non-members (404) as success", async () => {
    h = await startHarness();
    const group = h.tenant.addGroup("g");
    const users = h.tenant.addUsers(25);
    await h.gateway.addMembers(group, users.slice(0, 10));
    const result = await h.gateway.removeMembers(group, users);
    expect(result).toEqual({ removed: 10, notMembers: 15, requests: 2 });
    expect(h.tenant.groups.get(group)?.members.size).toBe(0);
    expect(h.tenant.users.size).toBe(25);
  });

  it("streams member ids page by page", async () => {
    h = await startHarness();
    h.tenant.pageSize = 4;
    const group = h.tenant.addGroup("g");
    const users = h.tenant.addUsers(10);
    await h.gateway.addMembers(group, users);
    const pages: string[][] = [];
    const result = await h.gateway.listGroupMemberIds(group, (ids) => {
      pages.push(ids);
    });
    expect(result).toEqual({ pages: 3, members: 10 });
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(pages.flat().sort()).toEqual([...users].sort());
    const first = h.server.requests.find((r) => r.method === "GET" && r.path.endsWith("/members"));
    expect(first?.query.get("$select")).toBe("id");
    expect(first?.query.get("$top")).toBe("999");
  });
});
