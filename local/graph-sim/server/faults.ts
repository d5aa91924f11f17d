/**
 * Injected server faults: per-endpoint probabilities of 500/503/504 and added latency. Rolls come
 * from a seeded generator, so the same seed and request sequence give the same faults.
 */
// Fault rolls use the same seeded generator as the gateway's jitter: one implementation.
import { seededRandom } from "../../../shared/graph/retry-policy";

export { seededRandom };
export interface FaultRule {
  rate500?: number;
  rate503?: number;
  rate504?: number;
  latencyMs?: number;
}

export interface FaultConfig {
  /** Applies to every Graph route unless an endpoint rule overrides it field by field. */
  default?: FaultRule;
  /** Keyed by route name (see README: e.g. "signIns.list", "groups.patch"). */
  endpoints?: Record<string, FaultRule>;
}

export interface FaultDecision {
  latencyMs: number;
  status?: 500 | 503 | 504;
}

const FAULT_CODES: Record<500 | 503 | 504, { code: string; message: string }> = {
  500: { code: "InternalServerError", message: "An internal server error occurred." },
  503: {
    code: "ServiceUnavailable",
    message: "The service is temporarily unavailable. Please try again later.",
  },
  504: { code: "GatewayTimeout", message: "The gateway did not receive a timely response." },
};

export function faultError(status: 500 | 503 | 504): { code: string; message: string } {
  return FAULT_CODES[status];
}

function checkRate(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 1)) {
    throw new Error(`fault ${name} must be a number between 0 and 1, got ${String(value)}`);
  }
}

export function validateFaults(config: FaultConfig): FaultConfig {
  const rules = [config.default, ...Object.values(config.endpoints ?? {})];
  for (const rule of rules) {
    if (!rule) continue;
    checkRate("rate500", rule.rate500);
    checkRate("rate503", rule.rate503);
    checkRate("rate504", rule.rate504);
    if ((rule.rate500 ?? 0) + (rule.rate503 ?? 0) + (rule.rate504 ?? 0) > 1) {
      throw new Error("fault rates must add up to at most 1");
    }
    if (rule.latencyMs !== undefined && (!Number.isFinite(rule.latencyMs) || rule.latencyMs < 0)) {
      throw new Error(`fault latencyMs must be a non-negative number, got ${String(rule.latencyMs)}`);
    }
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
    const latencyMs = rule.latencyMs ?? 0;
    const r500 = rule.rate500 ?? 0;
    const r503 = rule.rate503 ?? 0;
    const r504 = rule.rate504 ?? 0;
    if (r500 + r503 + r504 === 0) return { latencyMs };
    const roll = this.random();
    if (roll < r500) return { latencyMs, status: 500 };
    if (roll < r500 + r503) return { latencyMs, status: 503 };
    if (roll < r500 + r503 + r504) return { latencyMs, status: 504 };
    return { latencyMs };
  }
}
