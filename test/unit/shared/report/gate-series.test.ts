import { DEFAULT_GATES, resolveGates, twoSidedZ, wilsonInterval } from "../../../../shared/domain";
import { gateSeries } from "../../../../shared/report/gate-series";
import { healthGate, readinessGate } from "./report-fixtures";

const waves = [
  { index: 0, name: "pilot" },
  { index: 1, name: "core" },
];

describe("gateSeries", () => {
  it("gives every wave its own checks in time order, readiness and health apart", () => {
    const series = gateSeries(
      [
        healthGate(0, "2026-01-10T08:00:00.000Z"),
        readinessGate(1, "2026-01-15T08:00:00.000Z"),
        healthGate(0, "2026-01-09T08:00:00.000Z", { verdict: "Pending" }),
        readinessGate(0, "2026-01-08T07:00:00.000Z"),
      ],
      waves,
      () => DEFAULT_GATES,
    );
    expect(series.map((s) => [s.waveName, s.readiness.length, s.health.map((h) => h.verdict)])).toEqual([
      ["pilot", 1, ["Pending", "Pass"]],
      ["core", 1, []],
    ]);
  });

  it("reads the health gate's own limit and bounds from its row", () => {
    const [pilot] = gateSeries(
      [healthGate(0, "2026-01-10T08:00:00.000Z", { decision: "shrink" })],
      waves,
      () => DEFAULT_GATES,
    );
    expect(pilot?.health[0]).toMatchObject({
      decision: "shrink",
      waveRate: 0.005,
      signIns: 400,
      threshold: 0.02,
      vsBaseline: { estimate: 0.0017, lower: -0.006, upper: 0.011 },
      vsControl: { estimate: 0.0017, lower: -0.004, upper: 0.009 },
    });
  });

  it("shows no band where a check had no reference sample", () => {
    const gate = healthGate(0, "2026-01-10T08:00:00.000Z");
    gate.metrics = { ...gate.metrics, excessVsControl: null, maxExcessFailureRate: undefined };
    const thresholds = resolveGates({ health: { maxExcessFailureRate: 0.03 } });
    const [pilot] = gateSeries([gate], waves, () => thresholds);
    expect(pilot?.health[0]?.vsControl).toBeNull();
    expect(pilot?.health[0]?.threshold).toBe(0.03);
  });

  it("takes the readiness limit from the wave's plan and bands the predicted failures", () => {
    const strict = resolveGates({ readiness: { maxPredictedFailureShare: 0.01 } });
    const [pilot, core] = gateSeries(
      [readinessGate(0, "2026-01-08T07:00:00.000Z"), readinessGate(1, "2026-01-15T07:00:00.000Z")],
      waves,
      (index) => (index === 1 ? strict : DEFAULT_GATES),
    );
    expect(pilot?.readiness[0]?.maxPredictedFailureShare).toBe(0.05);
    expect(core?.readiness[0]?.maxPredictedFailureShare).toBe(0.01);
    expect(pilot?.readiness[0]?.predictedFailure).toEqual(wilsonInterval(1, 20, twoSidedZ(0.95)));
  });

  it("gives an empty wave a zero band rather than the whole [0, 1]", () => {
    const gate = readinessGate(0, "2026-01-08T07:00:00.000Z", { metrics: { users: 0 } });
    const [pilot] = gateSeries([gate], waves, () => DEFAULT_GATES);
    expect(pilot?.readiness[0]?.predictedFailure).toEqual({ estimate: 0, lower: 0, upper: 0 });
  });
});
