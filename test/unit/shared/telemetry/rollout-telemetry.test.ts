import { metrics } from "@opentelemetry/api";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { EVENTS_METRIC, recordRolloutEvent } from "../../../../shared/telemetry/rollout-telemetry";
import { startAzureMonitor } from "../../../../shared/telemetry/azure-monitor";

describe("rollout events as OpenTelemetry metrics", () => {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ readers: [reader] });

  beforeAll(() => {
    metrics.setGlobalMeterProvider(provider);
  });
  afterAll(async () => {
    await provider.shutdown();
    metrics.disable();
  });

  it("counts events by kind, rollout and wave", async () => {
    recordRolloutEvent({ kind: "shrink", rolloutId: "mfa-q1", waveIndex: 2 });
    recordRolloutEvent({ kind: "shrink", rolloutId: "mfa-q1", waveIndex: 2 });
    recordRolloutEvent({ kind: "pause", rolloutId: "mfa-q1", waveIndex: 0 });
    await reader.forceFlush();
    const metric = exporter
      .getMetrics()
      .flatMap((r) => r.scopeMetrics)
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === EVENTS_METRIC);
    const points = (metric?.dataPoints ?? []).map((p) => [p.attributes, p.value]);
    expect(points).toEqual(
      expect.arrayContaining([
        [{ kind: "shrink", rollout: "mfa-q1", wave: 3 }, 2],
        [{ kind: "pause", rollout: "mfa-q1", wave: 1 }, 1],
      ]),
    );
  });

  it("stays off without an Application Insights connection string", () => {
    expect(startAzureMonitor({})).toBe(false);
    expect(startAzureMonitor({ APPLICATIONINSIGHTS_CONNECTION_STRING: "" })).toBe(false);
  });
});
