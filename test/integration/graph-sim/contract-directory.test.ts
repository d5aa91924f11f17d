import { Client, PageIterator } from "@microsoft/microsoft-graph-client";
import type { Group, User } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import { allPages, graphError, simulatorClient, type Page } from "./contract-client";

/** Users, groups, membership, $batch, auth and faults, driven only through the Graph SDK. */
const ref = (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`;
const ALREADY =
  "One or more added object references already exist for the following modified properties: 'members'.";

interface BatchItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string; message: string } };
}

describe("Graph simulator contract: directory", () => {
  let clock: ManualClock;
  let sim: GraphSimulator;
  let client: Client;
  let users: User[];

  beforeAll(async () => {
    clock = new ManualClock("2026-01-20T12:00:00Z");
    sim = await startGraphSimulator({ scenario: "clean", seed: 7, clock, throttling: { enabled: false } });
    client = simulatorClient(sim);
    users = [...sim.tenant.listUsers()];
  });

  afterAll(async () => {
    await sim.stop();
  });

  afterEach(() => {
    sim.setThrottling({ enabled: false });
    sim.setFaults({});
  });

  const newGroup = async (name: string): Promise<Group> =>
    (await client
      .api("/groups")
      .post({ displayName: name, mailNickname: name, mailEnabled: false, securityEnabled: true })) as Group;

  const userId = (i: number): string => users[i]?.id ?? "missing";

  describe("authentication", () => {
    it("answers 401 InvalidAuthenticationToken without a bearer token", async () => {
      const error = await graphError(simulatorClient(sim, "").api("/users").get());
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe("InvalidAuthenticationToken");
    });

    it("gets no token from Client.init's AuthenticationHandler over http, hence the custom middleware", async () => {
      const stock = Client.init({
        authProvider: (done) => done(null, "local-token"),
        baseUrl: sim.origin,
        defaultVersion: "v1.0",
      });
      expect((await graphError(stock.api("/users").get())).statusCode).toBe(401);
    });
  });

  describe("users", () => {
    it("pages with $top and @odata.nextLink through every user exactly once", async () => {
      const pages = await allPages<User>(client, (await client.api("/users").top(10).get()) as Page<User>);
      const ids = pages.flatMap((p) => p.value.map((u) => u.id));
      expect(pages.length).toBe(Math.ceil(users.length / 10));
      expect(new Set(ids).size).toBe(users.length);
      expect(pages[pages.length - 1]?.["@odata.nextLink"]).toBeUndefined();
    });

    it("works with the SDK's PageIterator", async () => {
      const seen: string[] = [];
      const first = (await client.api("/users").top(25).get()) as Page<User>;
      await new PageIterator(client, first, (user: User) => {
        seen.push(user.id ?? "");
        return true;
      }).iterate();
      expect(seen).toEqual(users.map((u) => u.id));
    });

    it("returns only the $select-ed properties", async () => {
      const page = (await client
        .api("/users")
        .select(["id", "userPrincipalName"])
        .top(3)
        .get()) as Page<User>;
      for (const user of page.value) expect(Object.keys(user).sort()).toEqual(["id", "userPrincipalName"]);
    });

    it("filters with eq on id, userPrincipalName and accountEnabled", async () => {
      const target = users[3] as User;
      const byId = (await client
        .api("/users")
        .filter(`id eq '${target.id ?? ""}'`)
        .get()) as Page<User>;
      expect(byId.value.map((u) => u.id)).toEqual([target.id]);
      const byUpn = (await client
        .api("/users")
        .filter(`userPrincipalName eq '${(target.userPrincipalName ?? "").toUpperCase()}'`)
        .get()) as Page<User>;
      expect(byUpn.value.map((u) => u.id)).toEqual([target.id]);
      const enabled = (await client
        .api("/users")
        .filter("accountEnabled eq true")
        .top(999)
        .get()) as Page<User>;
      expect(enabled.value.length).toBe(users.filter((u) => u.accountEnabled === true).length);
      expect(enabled.value.every((u) => u.accountEnabled === true)).toBe(true);
    });

    it("rejects unsupported filters with 400", async () => {
      const error = await graphError(client.api("/users").filter("accountEnabled ne true").get());
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe("Request_UnsupportedQuery");
    });

    it("gets a user by id or by userPrincipalName, 404 for an unknown one", async () => {
      const target = users[5] as User;
      expect(((await client.api(`/users/${target.id ?? ""}`).get()) as User).userPrincipalName).toBe(
        target.userPrincipalName,
      );
      expect(((await client.api(`/users/${target.userPrincipalName ?? ""}`).get()) as User).id).toBe(
        target.id,
      );
      const error = await graphError(client.api("/users/00000000-0000-0000-0000-000000000000").get());
      expect([error.statusCode, error.code]).toEqual([404, "Request_ResourceNotFound"]);
    });
  });

  describe("groups and membership", () => {
    it("creates a group (201) and reads it back by id and by displayName filter", async () => {
      const group = await newGroup("contract-wave-a");
      expect(group).toMatchObject({
        displayName: "contract-wave-a",
        securityEnabled: true,
        mailEnabled: false,
      });
      expect(((await client.api(`/groups/${group.id ?? ""}`).get()) as Group).displayName).toBe(
        "contract-wave-a",
      );
      const found = (await client
        .api("/groups")
        .filter("displayName eq 'contract-wave-a'")
        .get()) as Page<Group>;
      expect(found.value.map((g) => g.id)).toEqual([group.id]);
      const missing = await graphError(client.api("/groups/00000000-0000-0000-0000-000000000000").get());
      expect(missing.statusCode).toBe(404);
    });

    it("adds one member with $ref (204), 400 with Graph's message for an existing member, 404 for an unknown user", async () => {
      const group = await newGroup("contract-wave-b");
      const members = client.api(`/groups/${group.id ?? ""}/members/$ref`);
      await expect(members.post({ "@odata.id": ref(userId(0)) })).resolves.toBeUndefined();
      const again = await graphError(
        client.api(`/groups/${group.id ?? ""}/members/$ref`).post({ "@odata.id": ref(userId(0)) }),
      );
      expect(again.statusCode).toBe(400);
      expect(again.message).toBe(ALREADY);
      const unknown = await graphError(
        client
          .api(`/groups/${group.id ?? ""}/members/$ref`)
          .post({ "@odata.id": ref("00000000-0000-0000-0000-0000000000ff") }),
      );
      expect(unknown.statusCode).toBe(404);
      expect(sim.tenant.listMemberIds(group.id ?? "")).toEqual([userId(0)]);
    });

    it("adds up to 20 with members@odata.bind, refuses 21, and adds none when one entry is bad", async () => {
      const group = await newGroup("contract-wave-c");
      const patch = (ids: string[]) =>
        client.api(`/groups/${group.id ?? ""}`).patch({ "members@odata.bind": ids.map(ref) });
      const twentyOne = Array.from({ length: 21 }, (_, i) => userId(i));
      const tooMany = await graphError(patch(twentyOne));
      expect(tooMany.statusCode).toBe(400);
      expect(sim.tenant.listMemberIds(group.id ?? "")).toEqual([]);

      await expect(patch(twentyOne.slice(0, 20))).resolves.toBeUndefined();
      expect(sim.tenant.listMemberIds(group.id ?? "")).toHaveLength(20);

      const withExisting = await graphError(patch([userId(21), userId(0)]));
      expect(withExisting.statusCode).toBe(400);
      expect(withExisting.message).toBe(ALREADY);
      const withUnknown = await graphError(patch([userId(22), "00000000-0000-0000-0000-0000000000ff"]));
      expect(withUnknown.statusCode).toBe(404);
      expect(sim.tenant.listMemberIds(group.id ?? "")).toHaveLength(20);
    });

    it("lists members with paging and removes one with DELETE .../$ref (204, then 404)", async () => {
      const group = await newGroup("contract-wave-d");
      await client
        .api(`/groups/${group.id ?? ""}`)
        .patch({ "members@odata.bind": [0, 1, 2, 3, 4, 5, 6].map((i) => ref(userId(i))) });
      const pages = await allPages<User>(
        client,
        (await client
          .api(`/groups/${group.id ?? ""}/members`)
          .top(3)
          .get()) as Page<User>,
      );
      expect(pages.map((p) => p.value.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((p) => p.value.map((u) => u.id))).toEqual([0, 1, 2, 3, 4, 5, 6].map(userId));

      await expect(
        client.api(`/groups/${group.id ?? ""}/members/${userId(3)}/$ref`).delete(),
      ).resolves.toBeUndefined();
      const notMember = await graphError(
        client.api(`/groups/${group.id ?? ""}/members/${userId(3)}/$ref`).delete(),
      );
      expect(notMember.statusCode).toBe(404);
      expect(sim.tenant.listMemberIds(group.id ?? "")).not.toContain(userId(3));
    });
  });

  describe("$batch", () => {
    const batch = async (requests: unknown[]): Promise<BatchItem[]> =>
      ((await client.api("/$batch").post({ requests })) as { responses: BatchItem[] }).responses;

    it("refuses more than 20 requests with 400", async () => {
      const requests = Array.from({ length: 21 }, (_, i) => ({
        id: String(i),
        method: "GET",
        url: "/users?$top=1",
      }));
      expect((await graphError(client.api("/$batch").post({ requests }))).statusCode).toBe(400);
    });

    it("answers each item with its own status, honours dependsOn and fails dependants with 424", async () => {
      const group = await newGroup("contract-batch-a");
      const responses = await batch([
        {
          id: "add",
          method: "POST",
          url: `/groups/${group.id ?? ""}/members/$ref`,
          headers: { "Content-Type": "application/json" },
          body: { "@odata.id": ref(userId(1)) },
        },
        {
          id: "again",
          dependsOn: ["add"],
          method: "POST",
          url: `/groups/${group.id ?? ""}/members/$ref`,
          headers: { "Content-Type": "application/json" },
          body: { "@odata.id": ref(userId(1)) },
        },
        { id: "after", dependsOn: ["again"], method: "GET", url: `/groups/${group.id ?? ""}/members` },
      ]);
      const byId = new Map(responses.map((r) => [r.id, r]));
      expect(byId.get("add")?.status).toBe(204);
      expect(byId.get("again")).toMatchObject({ status: 400, body: { error: { message: ALREADY } } });
      expect(byId.get("after")?.status).toBe(424);
    });

    it("throttles each item on its own: a 200 batch can carry 429 items with Retry-After", async () => {
      const groups = await Promise.all([
        newGroup("contract-batch-b1"),
        newGroup("contract-batch-b2"),
        newGroup("contract-batch-b3"),
      ]);
      sim.setThrottling({ enabled: true, directoryWrites: 2 });
      const responses = await batch(
        groups.map((g, i) => ({
          id: String(i),
          method: "PATCH",
          url: `/groups/${g.id ?? ""}`,
          headers: { "Content-Type": "application/json" },
          body: { "members@odata.bind": [ref(userId(30 + i))] },
        })),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([204, 204, 429]);
      const throttled = responses.find((r) => r.status === 429);
      expect(Number(throttled?.headers["Retry-After"])).toBeGreaterThan(0);
      expect(throttled?.headers["x-ms-throttle-information"]).toBe("WriteLimitExceeded");

      clock.advanceBy(150_000);
      const retried = await batch([
        {
          id: "r",
          method: "PATCH",
          url: `/groups/${groups[2]?.id ?? ""}`,
          headers: { "Content-Type": "application/json" },
          body: { "members@odata.bind": [ref(userId(32))] },
        },
      ]);
      expect(retried[0]?.status).toBe(204);
    });
  });

  describe("directory throttling and faults", () => {
    it("throttles reads past the resource-unit limit with Retry-After and scope headers, until the clock moves", async () => {
      clock.advanceBy(150_000); // let the windows forget earlier tests' requests
      sim.setThrottling({ enabled: true, directoryResourceUnits: 4 });
      await client.api("/users").get();
      await client.api("/users").get();
      const error = await graphError(client.api("/users").get());
      expect(error.statusCode).toBe(429);
      expect(Number(error.headers?.get("Retry-After"))).toBeGreaterThan(0);
      expect(error.headers?.get("x-ms-throttle-scope")).toMatch(/^Tenant_Application\/ReadWrite\//);
      expect(error.headers?.get("x-ms-throttle-information")).toBe("ResourceUnitLimitExceeded");
      clock.advanceBy(10_000);
      await expect(client.api("/users").get()).resolves.toBeDefined();
    });

    it("injects 5xx per endpoint when asked, and counts it", async () => {
      sim.resetCounters();
      sim.setFaults({ endpoints: { "users.list": { rate503: 1 } } });
      expect((await graphError(client.api("/users").get())).statusCode).toBe(503);
      await expect(client.api(`/users/${userId(0)}`).get()).resolves.toBeDefined();
      expect(sim.counters()).toMatchObject({ faulted: 1, byEndpoint: { "users.list": 1, "users.get": 1 } });
    });

    it("models the DANGER URL: DELETE groups/{id}/members/{id} without /$ref deletes the user", async () => {
      const group = await newGroup("contract-danger");
      await client.api(`/groups/${group.id ?? ""}/members/$ref`).post({ "@odata.id": ref(userId(81)) });
      sim.resetCounters();
      await client.api(`/groups/${group.id ?? ""}/members/${userId(81)}`).delete();
      expect(sim.counters().userDeletes).toBe(1);
      expect(sim.tenant.getUser(userId(81))).toBeUndefined();
    });

    it("counts a user deleted through the API, which the gateway must never do", async () => {
      sim.resetCounters();
      await client.api(`/users/${userId(80)}`).delete();
      expect(sim.counters().userDeletes).toBe(1);
      expect(sim.tenant.getUser(userId(80))).toBeUndefined();
    });
  });
});
