/**
 * Injected server faults: per-endpoint probabilities of 429 (with Retry-After), 500/503/504, added
 * latency and occasional long delays (client timeouts). Rolls come
 * from a seeded generator, so the same seed and request sequence give the same faults.
 */
// Fault rolls use the same seeded generator as the gateway's jitter: one implementation.
import { seededRandom } from "../../../shared/graph/retry-policy";

export { seededRandom };
export interface FaultRule {
  /** A share of requests answered 429 with `Retry-After: retryAfterSeconds` (default 1): a storm. */
  rate429?: number;
  retryAfterSeconds?: number;
  rate500?: number;
  rate503?: number;
  rate504?: number;
  latencyMs?: number;
  /**
   * A share of requests held `delayMs` (wall clock) before they are handled: past a client's
   * timeout the caller gives up while the simulator still applies the request, as a hung
   * connection to Graph does.
   */
  rateDelay?: number;
  delayMs?: number;
}

export interface FaultConfig {
  /** Applies to every Graph route unless an endpoint rule overrides it field by field. */
  default?: FaultRule;
  /** Keyed by route name (see README: e.g. "signIns.list", "groups.patch"). */
  endpoints?: Record<string, FaultRule>;
}

export type FaultStatus = 429 | 500 | 503 | 504;

export interface FaultDecision {
  latencyMs: number;
  status?: FaultStatus;
  /** Set with a 429: the Retry-After the storm advertises. */
  headers?: Record<string, string>;
  /** True when rateDelay held this request. */
  delayed?: boolean;
}

const FAULT_CODES: Record<FaultStatus, { code: string; message: string }> = {
  429: { code: "TooManyRequests", message: "Too many requests. Please try again later." },
  500: { code: "InternalServerError", message: "An internal server error occurred." },
  503: {
    code: "ServiceUnavailable",
    message: "The service is temporarily unavailable. Please try again later.",
  },
  504: { code: "GatewayTimeout", message: "The gateway did not receive a timely response." },
};

export function faultError(status: FaultStatus): { code: string; message: string } {
  return FAULT_CODES[status];
}

function checkRate(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 1)) {
    throw new Error(`fault ${name} must be a number between 0 and 1, got ${String(value)}`);
  }
}

function checkNonNegative(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
    throw new Error(`fault ${name} must be a non-negative number, got ${String(value)}`);
  }
}

export function validateFaults(config: FaultConfig): FaultConfig {
  const rules = [config.default, ...Object.values(config.endpoints ?? {})];
  for (const rule of rules) {
    if (!rule) continue;
    checkRate("rate429", rule.rate429);
    checkRate("rate500", rule.rate500);
    checkRate("rate503", rule.rate503);
    checkRate("rate504", rule.rate504);
    checkRate("rateDelay", rule.rateDelay);
    if ((rule.rate429 ?? 0) + (rule.rate500 ?? 0) + (rule.rate503 ?? 0) + (rule.rate504 ?? 0) > 1) {
      throw new Error("fault rates must add up to at most 1");
    }
    checkNonNegative("latencyMs", rule.latencyMs);
    checkNonNegative("delayMs", rule.delayMs);
    checkNonNegative("retryAfterSeconds", rule.retryAfterSeconds);
  }
  return config;
}

export class FaultInjector {
  private config: FaultConfig;
  private readonly random: () => number;

  constructor(seed: number, config: FaultConfig = {}) {
    this.random = seededRandom(seed ^ 0x5eed);
    this.config = validateFaults(config);
  }

  set(config: FaultConfig): void {
    this.config = validateFaults(config);
  }

  current(): FaultConfig {
    return structuredClone(this.config);
  }

  decide(endpoint: string): FaultDecision {
    const rule: FaultRule = { ...this.config.default, ...this.config.endpoints?.[endpoint] };
    let latencyMs = rule.latencyMs ?? 0;
    // A separate roll, taken only when configured, so status-only configs keep their sequence.
    const delayed = (rule.rateDelay ?? 0) > 0 && this.random() < (rule.rateDelay ?? 0);
    if (delayed) latencyMs += rule.delayMs ?? 0;
    const base: FaultDecision = delayed ? { latencyMs, delayed } : { latencyMs };
    const r429 = rule.rate429 ?? 0;
    const r500 = rule.rate500 ?? 0;
    const r503 = rule.rate503 ?? 0;
    const r504 = rule.rate504 ?? 0;
    if (r429 + r500 + r503 + r504 === 0) return base;
    const roll = this.random();
    if (roll < r429) {
      return {
        ...base,
        status: 429,
        headers: { "Retry-After": String(rule.retryAfterSeconds ?? 1) },
      };
    }
    if (roll < r429 + r500) return { ...base, status: 500 };
    if (roll < r429 + r500 + r503) return { ...base, status: 503 };
    if (roll < r429 + r500 + r503 + r504) return { ...base, status: 504 };
    return base;
  }
}
