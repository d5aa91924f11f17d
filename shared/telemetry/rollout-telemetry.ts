import { metrics, type Counter, type MeterProvider } from "@opentelemetry/api";
import type { NotificationEvent } from "../notify/notification-event";

export const METER_NAME = "ca-wave-rollout";
/** In Application Insights: customMetrics, name `ca_rollout_events`, dimensions `kind`, `rollout`, `wave`. */
export const EVENTS_METRIC = "ca_rollout_events";
/** Every gate decision (proceed, extend, shrink, pause, ...), dimensions `decision`, `gate`, `rollout`. */
export const DECISIONS_METRIC = "ca_rollout_decisions";

const counters = new Map<string, { provider: MeterProvider; counter: Counter }>();

/**
 * Counters through the global OpenTelemetry API: with no SDK registered (tests, the rehearsal)
 * they are no-ops; in Azure `startAzureMonitor` registers one that exports to Application
 * Insights. The SDK may be registered after the first count (or replaced in a test), so each
 * counter follows the current provider.
 */
function counter(name: string, description: string): Counter {
  const provider = metrics.getMeterProvider();
  const known = counters.get(name);
  if (known && known.provider === provider) return known.counter;
  const created = provider.getMeter(METER_NAME).createCounter(name, { description });
  counters.set(name, { provider, counter: created });
  return created;
}

function waveAttribute(waveIndex: number | undefined): { wave?: number } {
  return waveIndex !== undefined ? { wave: waveIndex + 1 } : {};
}

/** Counts each notification event (pause, shrink, completion, ...) by kind and rollout. */
export function recordRolloutEvent(event: Pick<NotificationEvent, "kind" | "rolloutId" | "waveIndex">): void {
  counter(EVENTS_METRIC, "Rollout events that raise a notification, by kind").add(1, {
    kind: event.kind,
    rollout: event.rolloutId,
    ...waveAttribute(event.waveIndex),
  });
}

/** Counts a gate's decision, once per evaluation. */
export function recordGateDecision(decision: {
  rolloutId: string;
  waveIndex: number;
  gate: string;
  decision: string;
}): void {
  counter(DECISIONS_METRIC, "Gate decisions, by decision and gate").add(1, {
    decision: decision.decision,
    gate: decision.gate,
    rollout: decision.rolloutId,
    ...waveAttribute(decision.waveIndex),
  });
}
