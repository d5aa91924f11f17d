import { metrics, type Counter } from "@opentelemetry/api";
import type { NotificationEvent } from "../notify/notification-event";

export const METER_NAME = "ca-wave-rollout";
/** In Application Insights: customMetrics / AppMetrics, name `ca_rollout_events`, dimension `kind`. */
export const EVENTS_METRIC = "ca_rollout_events";

let counter: Counter | undefined;
let counterProvider: unknown;

/**
 * Counts each notification event (pause, shrink, completion, ...) by kind and rollout, through the
 * global OpenTelemetry API: with no SDK registered (tests, the rehearsal) this is a no-op; in Azure
 * `startAzureMonitor` registers one that exports to Application Insights.
 */
export function recordRolloutEvent(event: Pick<NotificationEvent, "kind" | "rolloutId" | "waveIndex">): void {
  const provider = metrics.getMeterProvider();
  // The SDK may be registered after the first event (or replaced in a test): follow the provider.
  if (!counter || counterProvider !== provider) {
    counter = provider.getMeter(METER_NAME).createCounter(EVENTS_METRIC, {
      description: "Rollout events that raise a notification, by kind",
    });
    counterProvider = provider;
  }
  counter.add(1, {
    kind: event.kind,
    rollout: event.rolloutId,
    ...(event.waveIndex !== undefined ? { wave: event.waveIndex + 1 } : {}),
  });
}
