import type { HealthPoint, ReadinessPoint } from "../../../../shared/report";
import { healthChartSvg, healthDomain, readinessChartSvg } from "../../../../shared/report/svg-gate-chart";

function health(at: string, partial: Partial<HealthPoint> = {}): HealthPoint {
  return {
    at,
    verdict: "Pass",
    decision: "proceed",
    reason: "healthy",
    waveRate: 0.01,
    signIns: 400,
    minSignIns: 200,
    threshold: 0.02,
    confidence: 0.95,
    vsBaseline: { estimate: 0.005, lower: -0.002, upper: 0.012 },
    vsControl: { estimate: 0.004, lower: -0.001, upper: 0.01 },
    ...partial,
  };
}

/** The y coordinate of the attribute on the element carrying data-series="threshold". */
function thresholdY(svg: string): number {
  const match = /data-series="threshold"[^>]*y1="([-\d.]+)"/.exec(svg);
  return Number(match?.[1]);
}

describe("healthDomain", () => {
  it("always shows zero and the limit with room above it", () => {
    expect(healthDomain([health("2026-01-10T00:00:00Z")])).toEqual([-0.002, 0.03]);
  });

  it("caps wide early bounds at four times the limit and below at minus the limit", () => {
    const wide = health("2026-01-10T00:00:00Z", { vsBaseline: { estimate: 0, lower: -0.3, upper: 0.5 } });
    expect(healthDomain([wide])).toEqual([-0.02, 0.08]);
  });
});

describe("healthChartSvg", () => {
  const points = [
    health("2026-01-10T00:00:00.000Z", { verdict: "Pending" }),
    health("2026-01-10T06:00:00.000Z", { decision: "shrink", reason: "holding back <2> users" }),
    health("2026-01-10T12:00:00.000Z", { verdict: "Fail", decision: "pause" }),
  ];

  it("plots one dot per check coloured by verdict, the band, both references and the limit", () => {
    const svg = healthChartSvg(points, 2);
    expect(svg).toContain('data-testid="health-chart-2"');
    expect(svg.match(/<circle class="dot/g)).toHaveLength(3);
    expect(svg).toContain('data-verdict="Fail"');
    expect(svg).toMatch(/data-series="baseline-band" d="M[^"]+Z"/);
    expect(svg).toMatch(/data-series="control" d="M[^"]+"/);
    expect(svg).toContain("limit +2%");
    expect(svg).toContain("holding back &lt;2&gt; users");
  });

  it("draws the limit at its value: 0.02 sits a third of the way down a [-0.002, 0.03] axis", () => {
    // Plot from y=30 (0.03) to y=222 (-0.002): 0.02 is at 30 + 192 * (0.01 / 0.032).
    expect(thresholdY(healthChartSvg([points[0] as HealthPoint], 0))).toBeCloseTo(90, 0);
  });

  it("marks decisions that changed something, not routine proceeds", () => {
    const svg = healthChartSvg(points, 0);
    expect(svg.match(/data-decision="/g)).toHaveLength(2);
    expect(svg).toContain('data-decision="shrink"');
    expect(svg).toContain('data-decision="pause"');
  });

  it("says so when the wave has not been checked yet", () => {
    expect(healthChartSvg([], 1)).toContain("No health checks yet");
  });
});

describe("readinessChartSvg", () => {
  const point: ReadinessPoint = {
    at: "2026-01-08T07:00:00.000Z",
    verdict: "Pass",
    reason: "ready",
    users: 20,
    predictedFailure: { estimate: 0.05, lower: 0.01, upper: 0.24 },
    maxPredictedFailureShare: 0.05,
    registeredShare: 1,
    minRegisteredShare: 0.9,
    confidence: 0.95,
  };

  it("draws the share as a dot inside its interval with the limit across the row", () => {
    const svg = readinessChartSvg([point], 0);
    const dot = /<circle class="dot verdict-Pass" cx="([\d.]+)"/.exec(svg);
    const band = /class="band readiness-band" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(svg);
    const limit = /<line class="threshold" x1="([\d.]+)"/.exec(svg);
    // The estimate and the limit are the same share here, so the same x.
    expect(Number(dot?.[1])).toBeCloseTo(Number(limit?.[1]), 0);
    expect(Number(band?.[1])).toBeLessThan(Number(dot?.[1]));
    expect(Number(band?.[1]) + Number(band?.[2])).toBeGreaterThan(Number(dot?.[1]));
    expect(svg).toContain("limit 5%");
  });
});
