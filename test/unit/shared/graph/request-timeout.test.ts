import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createGraphGateway,
  GraphGateway,
  GraphRetriesExhaustedError,
  type GraphTransport,
} from "../../../../shared/graph";
import { DEFAULT_REQUEST_TIMEOUT_MS, GraphHttp } from "../../../../shared/graph/graph-http";
import { parseServiceRoot } from "../../../../shared/graph/service-root";
import type { GraphHttpRequest, GraphHttpResponse } from "../../../../shared/graph/transport";

const POLICY_ID = "6f1d3b4e-2f0a-4c1e-9a57-0d5c2b1e9f00";
const GROUP_ID = "0b6c1f9e-6a53-4f3c-9d2b-1c0e5a7d2f11";
const USER_ID = "3c2a9d1b-8e4f-4b6a-a1d0-5f9e7c3b2a01";

/** Answers nothing for the first `hangs` requests (the socket stays open), then 200 `{}`. */
async function startHangingServer(
  hangs: number,
): Promise<{ url: string; seen: () => number; stop(): Promise<void> }> {
  let seen = 0;
  const server: Server = createServer((req, res) => {
    seen += 1;
    if (seen <= hangs) return;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: POLICY_ID, displayName: "p", state: "enabled" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`,
    seen: () => seen,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("the gateway's request timeout", () => {
  it("has a default, so a silent connection can never hold an activity for ever", () => {
    const http = new GraphHttp({ serviceRoot: parseServiceRoot("http://127.0.0.1:1/v1.0"), send: jest.fn() });
    expect(http.requestTimeoutMs).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
    expect(() => new GraphHttp(http as never, { requestTimeoutMs: 0 })).toThrow(RangeError);
  });

  it("abandons a request the real SDK client sent and got no answer to, then retries it", async () => {
    const server = await startHangingServer(2);
    const delays: number[] = [];
    try {
      const gateway = createGraphGateway(
        { baseUrl: server.url, staticToken: "unit-test-token" },
        { requestTimeoutMs: 150, sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
      );
      const started = Date.now();
      const policy = await gateway.getPolicy(POLICY_ID);
      expect(policy?.id).toBe(POLICY_ID);
      expect(server.seen()).toBe(3);
      // Two timeouts of 150 ms each, then an answer: bounded, not hung.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(gateway.counts()).toMatchObject({ total: 3, retries: 2 });
      expect(delays).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });

  it("gives up with GraphRetriesExhaustedError naming the timeout once the attempts are spent", async () => {
    const server = await startHangingServer(Number.POSITIVE_INFINITY);
    try {
      const gateway = createGraphGateway(
        { baseUrl: server.url, staticToken: "unit-test-token" },
        { requestTimeoutMs: 100, retry: { maxAttempts: 2 }, sleep: async () => undefined },
      );
      const attempt = gateway.getPolicy(POLICY_ID);
      await expect(attempt).rejects.toThrow(GraphRetriesExhaustedError);
      await expect(attempt).rejects.toThrow(/request timeout/);
      expect(server.seen()).toBe(2);
    } finally {
      await server.stop();
    }
  });

  it("holds even when the transport ignores the abort signal", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const transport: GraphTransport = {
      serviceRoot: parseServiceRoot("http://127.0.0.1:1/v1.0"),
      send: (request: GraphHttpRequest) => {
        signals.push(request.signal);
        return new Promise<GraphHttpResponse>(() => undefined);
      },
    };
    const gateway = new GraphGateway(transport, {
      requestTimeoutMs: 50,
      retry: { maxAttempts: 1 },
      sleep: async () => undefined,
    });
    await expect(gateway.getPolicy(POLICY_ID)).rejects.toThrow(/request timeout/);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("re-sends a timed-out membership $batch (its items are safe to repeat) and nobody is lost", async () => {
    let calls = 0;
    const added = new Set<string>();
    const transport: GraphTransport = {
      serviceRoot: parseServiceRoot("http://127.0.0.1:1/v1.0"),
      send: (request: GraphHttpRequest) => {
        calls += 1;
        const items = (request.body as { requests: { id: string; body: Record<string, string[]> }[] })
          .requests;
        for (const item of items) {
          for (const ref of item.body["members@odata.bind"] ?? []) added.add(ref.split("/").pop() ?? "");
        }
        // The first $batch is applied by Graph, but its answer never arrives.
        if (calls === 1) return new Promise<GraphHttpResponse>(() => undefined);
        const responses = items.map((item) => ({
          id: item.id,
          status: 400,
          headers: {},
          body: {
            error: {
              code: "Request_BadRequest",
              message:
                "One or more added object references already exist for the following modified properties: 'members'.",
            },
          },
        }));
        // The per-member fallback POSTs answer "already exist" too: already a member is success.
        return Promise.resolve({ status: 200, headers: {}, body: { responses } });
      },
    };
    const gateway = new GraphGateway(transport, { requestTimeoutMs: 50, sleep: async () => undefined });
    const result = await gateway.addMembers(GROUP_ID, [USER_ID]);
    expect(added).toEqual(new Set([USER_ID]));
    expect(result).toMatchObject({ notFound: [], alreadyMembers: 1 });
    expect(calls).toBe(3);
  });
});
