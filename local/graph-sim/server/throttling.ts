import type { ThrottleCategory } from "./types";

/**
 * Graph's service-specific limits as the simulator applies them (sources in README.md):
 * - directory (users, groups): resource units per app+tenant per 10 s by tenant size, and writes
 *   capped per app+tenant per 2.5 min; 429 with Retry-After, x-ms-throttle-scope/-information.
 * - reports (sign-ins, registration details): 5 requests per 10 s per app+tenant; 429 with Retry-After.
 * - Conditional Access: 1 request per second per tenant; its 429s carry no Retry-After.
 * Windows are sliding and measured on the simulator's clock, so virtual time drives them.
 */
export interface ThrottlingConfig {
  enabled: boolean;
  /** Overrides the tenant-size rule (3,500 / 5,000 / 8,000 for <50 / 50–500 / >500 users). */
  directoryResourceUnits?: number;
  directoryWindowMs: number;
  directoryWrites: number;
  directoryWriteWindowMs: number;
  reportsRequests: number;
  reportsWindowMs: number;
  conditionalAccessRequests: number;
  conditionalAccessWindowMs: number;
}

export type ThrottlingOptions = Partial<ThrottlingConfig>;

export const defaultThrottling: ThrottlingConfig = {
  enabled: true,
  directoryWindowMs: 10_000,
  directoryWrites: 3_000,
  directoryWriteWindowMs: 150_000,
  reportsRequests: 5,
  reportsWindowMs: 10_000,
  conditionalAccessRequests: 1,
  conditionalAccessWindowMs: 1_000,
};

export function validateThrottling(options: ThrottlingOptions): ThrottlingOptions {
  for (const [key, value] of Object.entries(options)) {
    if (key === "enabled") {
      if (typeof value !== "boolean") throw new Error("throttling 'enabled' must be true or false");
    } else if (key in defaultThrottling || key === "directoryResourceUnits") {
      if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new Error(`throttling '${key}' must be a positive number, got ${String(value)}`);
      }
    } else {
      throw new Error(`unknown throttling option '${key}'`);
    }
  }
  return options;
}

export function resourceUnitsForTenantSize(users: number): number {
  if (users < 50) return 3_500;
  if (users <= 500) return 5_000;
  return 8_000;
}

/** A sliding window of (time, cost) entries. */
export class SlidingWindow {
  private entries: { at: number; cost: number }[] = [];
  private sum = 0;

  constructor(
    public limit: number,
    public windowMs: number,
  ) {}

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.entries.length && (this.entries[drop]?.at ?? 0) <= now - this.windowMs) {
      this.sum -= this.entries[drop]?.cost ?? 0;
      drop++;
    }
    if (drop > 0) this.entries = this.entries.slice(drop);
  }

  used(now: number): number {
    this.prune(now);
    return this.sum;
  }

  /** Milliseconds until `cost` more would fit, 0 when it fits now. */
  waitFor(now: number, cost: number): number {
    this.prune(now);
    if (this.sum + cost <= this.limit) return 0;
    let freed = 0;
    for (const entry of this.entries) {
      freed += entry.cost;
      if (this.sum - freed + cost <= this.limit) return entry.at + this.windowMs - now;
    }
    // A single request dearer than the whole limit: waiting a full window is the honest answer.
    return this.windowMs;
  }

  take(now: number, cost: number): void {
    this.entries.push({ at: now, cost });
    this.sum += cost;
  }
}

export interface ThrottleDemand {
  category: ThrottleCategory;
  resourceUnits: number;
  writes: number;
}

export type ThrottleDecision =
  | { throttled: false; headers: Record<string, string> }
  | { throttled: true; headers: Record<string, string>; message: string };

/** The simulator acts as one app in one tenant; these ids appear in x-ms-throttle-scope. */
export const SIM_APP_ID = "00000000-0000-0000-0000-00000000a99a";
export const SIM_TENANT_ID = "00000000-0000-0000-0000-0000000051a1";

export class Throttler {
  private config: ThrottlingConfig;
  private readonly directoryUnits = new SlidingWindow(3_500, 10_000);
  private readonly directoryWrites = new SlidingWindow(3_000, 150_000);
  private readonly reports = new SlidingWindow(5, 10_000);
  private readonly conditionalAccess = new SlidingWindow(1, 1_000);

  constructor(options: ThrottlingOptions = {}) {
    this.config = { ...defaultThrottling, ...validateThrottling(options) };
  }

  configure(options: ThrottlingOptions): ThrottlingConfig {
    this.config = { ...this.config, ...validateThrottling(options) };
    return this.config;
  }

  current(): ThrottlingConfig {
    return { ...this.config };
  }

  /** Decides one request and, when it passes, charges its cost to the windows. */
  check(demand: ThrottleDemand, now: Date, tenantUsers: number): ThrottleDecision {
    if (!this.config.enabled || demand.category === "none") return { throttled: false, headers: {} };
    const t = now.getTime();
    const c = this.config;
    switch (demand.category) {
      case "reports":
        return this.simple(this.reports, c.reportsRequests, c.reportsWindowMs, t, true);
      case "conditionalAccess":
        return this.simple(
          this.conditionalAccess,
          c.conditionalAccessRequests,
          c.conditionalAccessWindowMs,
          t,
          false,
        );
      case "directory":
        return this.directory(demand, t, tenantUsers);
    }
  }

  private simple(
    window: SlidingWindow,
    limit: number,
    windowMs: number,
    now: number,
    retryAfter: boolean,
  ): ThrottleDecision {
    window.limit = limit;
    window.windowMs = windowMs;
    const wait = window.waitFor(now, 1);
    if (wait > 0) {
      return {
        throttled: true,
        headers: retryAfter ? { "Retry-After": String(Math.max(1, Math.ceil(wait / 1000))) } : {},
        message: "Too many requests. Please try again later.",
      };
    }
    window.take(now, 1);
    return { throttled: false, headers: {} };
  }

  private directory(demand: ThrottleDemand, now: number, tenantUsers: number): ThrottleDecision {
    const c = this.config;
    this.directoryUnits.limit = c.directoryResourceUnits ?? resourceUnitsForTenantSize(tenantUsers);
    this.directoryUnits.windowMs = c.directoryWindowMs;
    this.directoryWrites.limit = c.directoryWrites;
    this.directoryWrites.windowMs = c.directoryWriteWindowMs;

    const unitWait = this.directoryUnits.waitFor(now, demand.resourceUnits);
    const writeWait = demand.writes > 0 ? this.directoryWrites.waitFor(now, demand.writes) : 0;
    if (unitWait > 0 || writeWait > 0) {
      const writeBound = writeWait >= unitWait;
      return {
        throttled: true,
        message: "Too many requests. Please try again later.",
        headers: {
          "Retry-After": String(Math.max(1, Math.ceil(Math.max(unitWait, writeWait) / 1000))),
          "x-ms-throttle-scope": `Tenant_Application/${writeBound ? "Write" : "ReadWrite"}/${SIM_APP_ID}/${SIM_TENANT_ID}`,
          "x-ms-throttle-information": writeBound ? "WriteLimitExceeded" : "ResourceUnitLimitExceeded",
        },
      };
    }
    this.directoryUnits.take(now, demand.resourceUnits);
    if (demand.writes > 0) this.directoryWrites.take(now, demand.writes);
    const headers: Record<string, string> = { "x-ms-resource-unit": String(demand.resourceUnits) };
    const usage = Math.max(
      this.directoryUnits.used(now) / this.directoryUnits.limit,
      this.directoryWrites.used(now) / this.directoryWrites.limit,
    );
    // Graph only sends this header once the app has used more than 80% of a limit.
    if (usage > 0.8) headers["x-ms-throttle-limit-percentage"] = usage.toFixed(2);
    return { throttled: false, headers };
  }
}

/**
 * Resource-unit cost of a directory request per Graph's table: GET users 2, GET groups/{id}/members
 * 3, anything else 1; $select and $top < 20 each take 1 off; never below 1. Writes cost 1 write.
 */
export function directoryCost(method: string, baseCost: number, query: URLSearchParams): ThrottleDemand {
  const isWrite = method !== "GET";
  let units = isWrite ? 1 : baseCost;
  if (!isWrite) {
    if (query.has("$select")) units -= 1;
    const top = Number(query.get("$top"));
    if (query.has("$top") && Number.isFinite(top) && top < 20) units -= 1;
  }
  return { category: "directory", resourceUnits: Math.max(1, units), writes: isWrite ? 1 : 0 };
}
