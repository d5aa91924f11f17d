import { samplePlanInput } from "../../../fixtures/sample-plan";
import { buildReportModel, renderReport } from "../../../../shared/report";
import { displayZone, timeFormat } from "../../../../shared/report/zoned-time";
import { pilotRows, rollout } from "./report-fixtures";

/** The sample plan with its schedule in `timeZone`. */
function planIn(timeZone: string): Record<string, unknown> {
  const plan = samplePlanInput();
  return { ...plan, schedule: { ...(plan.schedule as object), timeZone } };
}

describe("times in the plan's zone", () => {
  it("shows the wall time with that day's offset, and UTC as UTC", () => {
    const london = timeFormat("Europe/London");
    expect(london("2026-01-26T20:00:00.000Z")).toBe("2026-01-26 20:00 +00:00");
    expect(london("2026-07-01T20:00:00.000Z")).toBe("2026-07-01 21:00 +01:00");
    expect(timeFormat("America/New_York")("2026-01-26T20:00:00.000Z")).toBe("2026-01-26 15:00 -05:00");
    expect(timeFormat("UTC")("2026-07-01T20:00:00.000Z")).toBe("2026-07-01 20:00 UTC");
    expect(london(undefined)).toBe("");
    expect(london("not a time")).toBe("not a time");
  });

  it("takes the zone from the plan's schedule, UTC when asked or when the plan cannot be read", () => {
    expect(displayZone(planIn("Asia/Tokyo"))).toBe("Asia/Tokyo");
    expect(displayZone(planIn("Asia/Tokyo"), true)).toBe("UTC");
    expect(displayZone({ broken: true })).toBe("UTC");
  });

  it("renders every report time in the plan's zone, or in UTC on request", () => {
    const rows = pilotRows({ rollout: rollout({ plan: planIn("Asia/Tokyo") }) });
    const html = renderReport(buildReportModel(rows));
    // Started 2026-01-05T07:00Z: 16:00 in Tokyo.
    expect(html).toContain("started 2026-01-05 16:00 +09:00 by");
    expect(html).toContain("times in Asia/Tokyo");
    expect(html).not.toMatch(/\d\d:\d\d UTC/);
    const utc = renderReport(buildReportModel({ ...rows, utc: true }));
    expect(utc).toContain("started 2026-01-05 07:00 UTC by");
    expect(utc).not.toContain("+09:00");
  });
});
