import {
  directoryCost,
  resourceUnitsForTenantSize,
  SlidingWindow,
  Throttler,
} from "../../../../../local/graph-sim/server/throttling";

const at = (ms: number) => new Date(Date.UTC(2026, 2, 1) + ms);
const read = (units = 1) => ({ category: "directory" as const, resourceUnits: units, writes: 0 });
const write = { category: "directory" as const, resourceUnits: 1, writes: 1 };

describe("SlidingWindow", () => {
  it("frees capacity as entries age out of the window", () => {
    const window = new SlidingWindow(3, 1000);
    window.take(0, 2);
    window.take(400, 1);
    expect(window.waitFor(500, 1)).toBe(500);
    expect(window.waitFor(1000, 1)).toBe(0);
    expect(window.waitFor(1000, 3)).toBe(400);
  });
});

describe("directory resource units", () => {
  it.each([
    [10, 3_500],
    [49, 3_500],
    [50, 5_000],
    [500, 5_000],
    [501, 8_000],
  ])("a tenant of %i users gets %i units per 10 s", (users, units) => {
    expect(resourceUnitsForTenantSize(users)).toBe(units);
  });

  it("follows Graph's cost table", () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(directoryCost("GET", 2, q("")).resourceUnits).toBe(2);
    expect(directoryCost("GET", 3, q("$select=id")).resourceUnits).toBe(2);
    expect(directoryCost("GET", 3, q("$select=id&$top=10")).resourceUnits).toBe(1);
    expect(directoryCost("GET", 1, q("$select=id&$top=10")).resourceUnits).toBe(1);
    expect(directoryCost("GET", 2, q("$top=20")).resourceUnits).toBe(2);
    expect(directoryCost("PATCH", 3, q("$select=id"))).toEqual({
      category: "directory",
      resourceUnits: 1,
      writes: 1,
    });
  });

  it("throttles past the limit with Retry-After, scope and reason, then recovers on the clock", () => {
    const throttler = new Throttler({ directoryResourceUnits: 10 });
    for (let i = 0; i < 5; i++) expect(throttler.check(read(2), at(i), 10).throttled).toBe(false);
    const denied = throttler.check(read(1), at(100), 10);
    expect(denied).toMatchObject({
      throttled: true,
      headers: {
        "Retry-After": "10",
        "x-ms-throttle-information": "ResourceUnitLimitExceeded",
        "x-ms-throttle-scope": expect.stringMatching(
          /^Tenant_Application\/ReadWrite\/[0-9a-f-]+\/[0-9a-f-]+$/,
        ),
      },
    });
    expect(throttler.check(read(1), at(10_000), 10).throttled).toBe(false);
  });

  it("reports x-ms-throttle-limit-percentage only above 80% of the limit", () => {
    const throttler = new Throttler({ directoryResourceUnits: 10 });
    const headers = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => throttler.check(read(1), at(i), 10).headers);
    expect(headers[7]?.["x-ms-throttle-limit-percentage"]).toBeUndefined();
    expect(headers[8]?.["x-ms-throttle-limit-percentage"]).toBe("0.90");
  });

  it("caps writes per 2.5 minutes separately from resource units", () => {
    const throttler = new Throttler({ directoryWrites: 3 });
    for (let i = 0; i < 3; i++) expect(throttler.check(write, at(i * 1000), 10).throttled).toBe(false);
    const denied = throttler.check(write, at(5000), 10);
    expect(denied).toMatchObject({
      throttled: true,
      headers: { "x-ms-throttle-information": "WriteLimitExceeded" },
    });
    expect(denied.headers["Retry-After"]).toBe("145");
    expect(throttler.check(read(), at(5000), 10).throttled).toBe(false);
    expect(throttler.check(write, at(150_000), 10).throttled).toBe(false);
  });

  it("does not charge a throttled request", () => {
    const throttler = new Throttler({ directoryResourceUnits: 2 });
    throttler.check(read(2), at(0), 10);
    for (let i = 1; i < 50; i++) throttler.check(read(1), at(i * 100), 10);
    expect(throttler.check(read(2), at(10_000), 10).throttled).toBe(false);
  });
});

describe("reports and Conditional Access", () => {
  it("allows 5 report requests per 10 s with Retry-After on the sixth", () => {
    const throttler = new Throttler();
    const reports = { category: "reports" as const, resourceUnits: 1, writes: 0 };
    for (let i = 0; i < 5; i++) expect(throttler.check(reports, at(i * 1000), 0).throttled).toBe(false);
    expect(throttler.check(reports, at(5000), 0)).toMatchObject({
      throttled: true,
      headers: { "Retry-After": "5" },
    });
    expect(throttler.check(reports, at(10_000), 0).throttled).toBe(false);
  });

  it("allows about one policy call per second and sends no Retry-After", () => {
    const throttler = new Throttler();
    const ca = { category: "conditionalAccess" as const, resourceUnits: 1, writes: 0 };
    expect(throttler.check(ca, at(0), 0).throttled).toBe(false);
    const denied = throttler.check(ca, at(500), 0);
    expect(denied.throttled).toBe(true);
    expect(denied.headers["Retry-After"]).toBeUndefined();
    expect(throttler.check(ca, at(1000), 0).throttled).toBe(false);
  });

  it("can be turned off and reconfigured at runtime", () => {
    const throttler = new Throttler({ enabled: false });
    const ca = { category: "conditionalAccess" as const, resourceUnits: 1, writes: 0 };
    for (let i = 0; i < 10; i++) expect(throttler.check(ca, at(0), 0).throttled).toBe(false);
    throttler.configure({ enabled: true, conditionalAccessRequests: 2 });
    expect(throttler.check(ca, at(0), 0).throttled).toBe(false);
    expect(throttler.check(ca, at(0), 0).throttled).toBe(false);
    expect(throttler.check(ca, at(0), 0).throttled).toBe(true);
  });

  it("rejects nonsense settings", () => {
    expect(() => new Throttler({ reportsRequests: 0 })).toThrow(/positive/);
    expect(() => new Throttler({ bogus: 1 } as never)).toThrow(/unknown/);
  });
});
