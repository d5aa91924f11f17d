import { GraphHttp } from "../../../../shared/graph/graph-http";
import { runBatch, type BatchItem } from "../../../../shared/graph/batch";
import { createGraphClient } from "../../../../shared/graph/client-factory";
import { sdkTransport } from "../../../../shared/graph/transport";
import { GraphRetriesExhaustedError } from "../../../../shared/graph";
import { graphError, startFakeGraph, type FakeGraphServer, type FakeHandler } from "./fake-graph-server";

describe("runBatch", () => {
  let server: FakeGraphServer;
  let delays: number[];
  afterEach(() => server.stop());

  async function http(handler: FakeHandler, maxAttempts = 5): Promise<GraphHttp> {
    server = await startFakeGraph(handler);
    delays = [];
    const { client, serviceRoot } = createGraphClient({ baseUrl: server.baseUrl, staticToken: "t" });
    return new GraphHttp(sdkTransport(client, serviceRoot), {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
      retry: { maxAttempts },
    });
  }

  const gets = (n: number): BatchItem[] =>
    Array.from({ length: n }, (_, i) => ({ method: "GET", path: `/things/${i}` }));

  it("sends 20 per $batch and maps answers (which come back in any order) to inputs", async () => {
    const h = await http((req) => ({ status: 200, body: { path: req.path } }));
    const results = await runBatch(h, gets(45));
    expect(server.httpCalls()).toBe(3);
    expect(results.map((r) => (r.body as { path: string }).path)).toEqual(gets(45).map((g) => g.path));
  });

  it("re-sends only the throttled items, after the longest Retry-After among them", async () => {
    const throttledOnce = new Map([
      ["/things/3", "2"],
      ["/things/17", "5"],
    ]);
    const h = await http((req) => {
      const retryAfter = throttledOnce.get(req.path);
      if (retryAfter) {
        throttledOnce.delete(req.path);
        return graphError(429, "TooManyRequests", "throttled", { "Retry-After": retryAfter });
      }
      return { status: 200, body: { ok: req.path } };
    });
    const results = await runBatch(h, gets(20));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(delays).toEqual([5000]);
    const batches = server.requests.filter((r) => r.path === "/$batch");
    expect(batches).toHaveLength(2);
    expect((batches[1]?.body as { requests: { url: string }[] }).requests.map((r) => r.url)).toEqual([
      "/things/3",
      "/things/17",
    ]);
    expect(h.counts).toMatchObject({ total: 2, batchItems: 22, throttled: 2, retries: 2 });
  });

  it("holds the remaining batches while Graph is throttling, instead of spending them on 429s", async () => {
    let throttle = true;
    const h = await http((req) => {
      if (req.path === "/things/5" && throttle) {
        throttle = false;
        return graphError(429, "TooManyRequests", "throttled", { "Retry-After": "3" });
      }
      return { status: 200 };
    });
    const results = await runBatch(h, gets(45));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(delays).toEqual([3000]);
    const batches = server.requests
      .filter((r) => r.path === "/$batch")
      .map((r) => (r.body as { requests: { url: string }[] }).requests.map((q) => q.url));
    // Round 1 stopped after the first batch; round 2 carries the retried item with the unsent ones.
    expect(batches.map((b) => b.length)).toEqual([20, 20, 6]);
    expect(batches[1]?.slice(0, 2)).toEqual(["/things/5", "/things/20"]);
    expect(h.counts).toMatchObject({ batchItems: 46, retries: 1, throttled: 1 });
  });

  it("backs off exponentially for throttled items without Retry-After, then gives up clearly", async () => {
    const h = await http(
      (req) => (req.path === "/things/1" ? graphError(503, "ServiceUnavailable", "busy") : { status: 200 }),
      4,
    );
    await expect(runBatch(h, gets(3))).rejects.toThrow(GraphRetriesExhaustedError);
    expect(delays).toEqual([750, 1500, 3000]);
  });

  it("sends dependsOn as batch-local ids and re-sends a throttled dependency", async () => {
    let first = true;
    const h = await http((req) => {
      if (req.path === "/a" && first) {
        first = false;
        return graphError(429, "TooManyRequests", "t", { "Retry-After": "1" });
      }
      return { status: 200, body: { path: req.path } };
    });
    const items: BatchItem[] = [
      { method: "GET", path: "/a" },
      { method: "GET", path: "/b", dependsOn: [0] },
      { method: "GET", path: "/c" },
    ];
    const results = await runBatch(h, items);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const sent = server.requests
      .filter((r) => r.path === "/$batch")
      .map((r) => r.body as { requests: { url: string; dependsOn?: string[] }[] });
    expect(sent[0]?.requests.find((r) => r.url === "/b")?.dependsOn).toEqual(["0"]);
  });

  it("keeps a 424 final when its dependency failed for good", async () => {
    const h = await http((req) =>
      req.path === "/a"
        ? graphError(400, "BadRequest", "no")
        : graphError(424, "FailedDependency", "dependency failed"),
    );
    const results = await runBatch(h, [
      { method: "GET", path: "/a" },
      { method: "GET", path: "/b", dependsOn: [0] },
    ]);
    expect(results.map((r) => r.status)).toEqual([400, 424]);
    expect(server.httpCalls()).toBe(1);
  });

  it("re-sends a 424 whose dependency was throttled in the same batch", async () => {
    let round = 0;
    const h = await http((req) => {
      if (req.path === "/a") round++;
      if (round === 1)
        return req.path === "/a"
          ? graphError(429, "TooManyRequests", "t")
          : graphError(424, "FailedDependency", "dep");
      return { status: 204 };
    });
    const results = await runBatch(h, [
      { method: "DELETE", path: "/a" },
      { method: "DELETE", path: "/b", dependsOn: [0] },
    ]);
    expect(results.map((r) => r.status)).toEqual([204, 204]);
    expect(server.httpCalls()).toBe(2);
  });

  it("refuses dependsOn on later items and chains longer than one batch", async () => {
    const h = await http(() => ({ status: 200 }));
    await expect(
      runBatch(h, [
        { method: "GET", path: "/a", dependsOn: [1] },
        { method: "GET", path: "/b" },
      ]),
    ).rejects.toThrow(/earlier items/);
    const chain: BatchItem[] = Array.from({ length: 21 }, (_, i) => ({
      method: "GET",
      path: `/x/${i}`,
      ...(i ? { dependsOn: [i - 1] } : {}),
    }));
    await expect(runBatch(h, chain)).rejects.toThrow(/cannot fit one batch/);
    expect(server.httpCalls()).toBe(0);
  });
});
