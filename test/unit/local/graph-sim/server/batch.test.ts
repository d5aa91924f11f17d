import { runBatch, toInnerRequest } from "../../../../../local/graph-sim/server/batch";
import type { SimRequest, SimResponse } from "../../../../../local/graph-sim/server/types";
import { SimGraphError } from "../../../../../local/graph-sim/tenant/tenant-port";

const now = () => new Date("2026-03-01T00:00:00Z");
const inOrder = () => 0.999;

interface Item {
  id: string;
  status: number;
  body?: unknown;
}

async function run(requests: unknown[], handler: (req: SimRequest) => SimResponse, random = inOrder) {
  const seen: string[] = [];
  const response = await runBatch(
    { requests },
    async (req) => {
      seen.push(req.path);
      return handler(req);
    },
    now,
    random,
  );
  return { response, seen, items: (response.body as { responses: Item[] }).responses };
}

const okHandler = (): SimResponse => ({ status: 200, headers: {}, body: { ok: true } });

describe("runBatch", () => {
  it("refuses more than 20 requests as a malformed batch", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/users" }));
    await expect(run(requests, okHandler)).rejects.toMatchObject({ status: 400 });
    await expect(run(requests.slice(0, 20), okHandler)).resolves.toMatchObject({ response: { status: 200 } });
  });

  it.each([
    [
      [
        { id: "1", method: "GET", url: "/a" },
        { id: "1", method: "GET", url: "/b" },
      ],
      /not unique/,
    ],
    [[{ id: "1", method: "GET", url: "/a", dependsOn: ["9"] }], /unknown id/],
    [[{ id: "1", method: "GET" }], /method/],
    [
      [
        { id: "1", method: "GET", url: "/a", dependsOn: ["2"] },
        { id: "2", method: "GET", url: "/b", dependsOn: ["1"] },
      ],
      /circular/,
    ],
  ])("rejects malformed batch %#", async (requests, message) => {
    const error = await run(requests, okHandler).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimGraphError);
    expect((error as Error).message).toMatch(message);
  });

  it("runs dependencies first and answers 424 for dependants of a failure", async () => {
    const { items, seen } = await run(
      [
        { id: "c", method: "GET", url: "/third", dependsOn: ["b"] },
        { id: "b", method: "GET", url: "/fails", dependsOn: ["a"] },
        { id: "a", method: "GET", url: "/first" },
        { id: "d", method: "GET", url: "/independent" },
      ],
      (req) => (req.path === "fails" ? { status: 404, headers: {}, body: { error: {} } } : okHandler()),
    );
    expect(seen).toEqual(["first", "fails", "independent"]);
    const byId = Object.fromEntries(items.map((i) => [i.id, i.status]));
    expect(byId).toEqual({ a: 200, b: 404, c: 424, d: 200 });
  });

  it("keeps per-item status, headers and body, with no body for 204", async () => {
    const { items } = await run(
      [
        {
          id: "1",
          method: "PATCH",
          url: "/groups/g",
          body: {},
          headers: { "Content-Type": "application/json" },
        },
        { id: "2", method: "GET", url: "/users" },
      ],
      (req): SimResponse =>
        req.method === "PATCH"
          ? { status: 204, headers: {} }
          : { status: 429, headers: { "Retry-After": "3" }, body: { error: { code: "TooManyRequests" } } },
    );
    expect(items.find((i) => i.id === "1")).toEqual({ id: "1", status: 204, headers: {} });
    expect(items.find((i) => i.id === "2")).toMatchObject({ status: 429, headers: { "Retry-After": "3" } });
  });

  it("returns responses in a shuffled order when the generator says so", async () => {
    const requests = Array.from({ length: 10 }, (_, i) => ({ id: String(i), method: "GET", url: "/users" }));
    let n = 0;
    const { items } = await run(requests, okHandler, () => (n++ % 10) / 10);
    expect(items.map((i) => i.id)).not.toEqual(requests.map((r) => r.id));
    expect(items.map((i) => i.id).sort()).toEqual(requests.map((r) => r.id).sort());
  });
});

describe("toInnerRequest", () => {
  it("splits path and query and normalises OData option names", () => {
    const req = toInnerRequest({
      method: "GET",
      url: "/users?$Top=5&$filter=id eq 'x'",
      headers: {},
      body: undefined,
    });
    expect(req.path).toBe("users");
    expect(req.query.get("$top")).toBe("5");
    expect(req.query.get("$filter")).toBe("id eq 'x'");
  });

  it("accepts URLs without a leading slash and refuses absolute ones", () => {
    expect(
      toInnerRequest({ method: "GET", url: "groups/1/members", headers: {}, body: undefined }).path,
    ).toBe("groups/1/members");
    expect(() =>
      toInnerRequest({
        method: "GET",
        url: "https://graph.microsoft.com/v1.0/users",
        headers: {},
        body: undefined,
      }),
    ).toThrow(/relative/);
  });
});
