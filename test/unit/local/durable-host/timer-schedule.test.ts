import { nextOccurrence } from "../../../../local/durable-host/timer-schedule";

describe("NCRONTAB schedules", () => {
  it("reads six fields with seconds first, in UTC, strictly after the given time", () => {
    const after = new Date("2026-01-05T09:15:00.000Z");
    expect(nextOccurrence("0 */15 * * * *", after).toISOString()).toBe("2026-01-05T09:30:00.000Z");
    expect(nextOccurrence("30 0 9 * * Mon-Fri", new Date("2026-01-09T10:00:00Z")).toISOString()).toBe(
      "2026-01-12T09:00:30.000Z",
    );
  });

  it("rejects five-field cron and TimeSpan schedules with a clear message", () => {
    expect(() => nextOccurrence("*/5 * * * *", new Date())).toThrow(/6 fields/);
    expect(() => nextOccurrence("00:05:00", new Date())).toThrow(/6 fields/);
  });
});
