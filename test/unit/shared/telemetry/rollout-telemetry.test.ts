import { metrics } from "@opentelemetry/api";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  DECISIONS_METRIC,
  EVENTS_METRIC,
  recordGateDecision,
  recordRolloutEvent,
} from "../../../../shared/telemetry/rollout-telemetry";
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

  async function points(name: string) {
    await reader.forceFlush();
    const metric = exporter
      .getMetrics()
      .flatMap((r) => r.scopeMetrics)
      .flatMap((s) => s.metrics)
      .filter((m) => m.descriptor.name === name)
      .at(-1);
    return (metric?.dataPoints ?? []).map((p) => [p.attributes, p.value]);
  }

  it("counts gate decisions by decision and gate", async () => {
    recordGateDecision({ rolloutId: "mfa-q1", waveIndex: 0, gate: "readiness", decision: "proceed" });
    recordGateDecision({ rolloutId: "mfa-q1", waveIndex: 0, gate: "health", decision: "extend" });
    recordGateDecision({ rolloutId: "mfa-q1", waveIndex: 0, gate: "health", decision: "extend" });
    expect(await points(DECISIONS_METRIC)).toEqual(
      expect.arrayContaining([
        [{ decision: "proceed", gate: "readiness", rollout: "mfa-q1", wave: 1 }, 1],
        [{ decision: "extend", gate: "health", rollout: "mfa-q1", wave: 1 }, 2],
      ]),
    );
  });

  it("counts events by kind, rollout and wave", async () => {
    recordRolloutEvent({ kind: "shrink", rolloutId: "mfa-q1", waveIndex: 2 });
    recordRolloutEvent({ kind: "shrink", rolloutId: "mfa-q1", waveIndex: 2 });
    recordRolloutEvent({ kind: "pause", rolloutId: "mfa-q1", waveIndex: 0 });
    expect(await points(EVENTS_METRIC)).toEqual(
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
