import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import { GraphRequestError, GraphRetriesExhaustedError } from "../../../../shared/graph";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfterMs,
  seededRandom,
} from "../../../../shared/graph/retry-policy";
import { graphError } from "./fake-graph-server";
import { startHarness, type Harness } from "./harness";

const policy: ConditionalAccessPolicy = {
  displayName: "R (report-only)",
  state: "enabledForReportingButNotEnforced",
  conditions: {
    applications: { includeApplications: ["All"] },
    clientAppTypes: ["all"],
    users: { includeUsers: ["All"] },
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
};

describe("throttling-aware retries", () => {
  let h: Harness;
  afterEach(() => h.server.stop());

  it("backs off exponentially on Conditional Access 429s, which carry no Retry-After", async () => {
    h = await startHarness();
    let throttled = 4;
    h.tenant.before((req) =>
      req.path.startsWith("/identity/conditionalAccess") && throttled-- > 0
        ? graphError(429, "TooManyRequests", "Too many requests")
        : undefined,
    );
    const ensured = await h.gateway.ensurePolicy(policy);
    expect(ensured.foundBy).toBe("created");
    // random() = 0.5 → 3/4 of each doubling step (1 s, 2 s, 4 s, 8 s).
    expect(h.delays).toEqual([750, 1500, 3000, 6000]);
    expect(h.gateway.counts()).toMatchObject({ throttled: 4, retries: 4, total: 6 });
  });

  it("waits exactly what Retry-After says (seconds or HTTP date)", async () => {
    h = await startHarness({ now: () => new Date("2026-11-23T10:00:00Z") });
    const group = h.tenant.addGroup("g");
    const answers = [
      graphError(429, "TooManyRequests", "slow down", { "Retry-After": "7" }),
      graphError(503, "ServiceUnavailable", "busy", { "Retry-After": "Mon, 23 Nov 2026 10:00:03 GMT" }),
      graphError(504, "GatewayTimeout", "timeout"),
    ];
    h.tenant.before((req) => (req.method === "GET" ? answers.shift() : undefined));
    await h.gateway.ensureGroup("g", "d", { storedId: group });
    expect(h.delays).toEqual([7000, 3000, 3000]);
  });

  it("gives up with a clear error after the attempt budget, without doubling retries in the SDK", async () => {
    h = await startHarness({ retry: { maxAttempts: 3 } });
    h.tenant.before(() => graphError(429, "TooManyRequests", "no", { "Retry-After": "1" }));
    const attempt = h.gateway.ensurePolicy(policy);
    await expect(attempt).rejects.toThrow(GraphRetriesExhaustedError);
    await expect(attempt).rejects.toThrow(/gave up after 3 attempt/);
    // Exactly 3 HTTP requests: the SDK's own RetryHandler is not in the chain.
    expect(h.server.httpCalls()).toBe(3);
    expect(h.delays).toEqual([1000, 1000]);
  });

  it("does not sleep through a Retry-After beyond the limit: the caller reschedules", async () => {
    h = await startHarness({ retry: { maxRetryAfterMs: 60_000 } });
    h.tenant.before(() => graphError(429, "TooManyRequests", "no", { "Retry-After": "600" }));
    await expect(h.gateway.getPolicy("6f1d3b4e-2f0a-4c1e-9a57-0d5c2b1e9f00")).rejects.toMatchObject({
      name: "GraphRetriesExhaustedError",
      retryAfterMs: 600_000,
    });
    expect(h.delays).toEqual([]);
  });

  it("does not retry a 400; it surfaces Graph's code and message", async () => {
    h = await startHarness();
    h.tenant.before(() => graphError(400, "BadRequest", "Invalid policy"));
    const attempt = h.gateway.ensurePolicy(policy);
    await expect(attempt).rejects.toThrow(GraphRequestError);
    await expect(attempt).rejects.toThrow(/400 BadRequest: Invalid policy/);
    expect(h.server.httpCalls()).toBe(1);
  });
});

describe("retry policy", () => {
  it("parses Retry-After forms and ignores garbage", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    expect(parseRetryAfterMs("2", now)).toBe(2000);
    expect(parseRetryAfterMs("Mon, 23 Nov 2026 10:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfterMs("Mon, 23 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });

  it("keeps jittered backoff between half and all of each capped doubling step", () => {
    const random = seededRandom(42);
    for (let retry = 1; retry <= 10; retry++) {
      const step = Math.min(
        DEFAULT_RETRY_POLICY.maxDelayMs,
        DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (retry - 1),
      );
      const delay = backoffDelayMs(retry, DEFAULT_RETRY_POLICY, random);
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    }
  });

  it("gives the same jitter for the same seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
