import { addIsoDuration, isoDurationMs, tryIsoDurationMs } from "../../../../../shared/domain";

describe("ISO 8601 durations", () => {
  it.each([
    ["PT1H", 3_600_000],
    ["PT90M", 5_400_000],
    ["P1D", 86_400_000],
    ["P1W", 604_800_000],
    ["P1DT12H", 129_600_000],
  ])("%s is %i ms", (iso, ms) => {
    expect(isoDurationMs(iso)).toBe(ms);
  });

  it("refuses malformed durations with the offending text", () => {
    expect(() => isoDurationMs("1 hour")).toThrow(/invalid ISO 8601 duration "1 hour"/);
    expect(tryIsoDurationMs("1 hour")).toBeNull();
  });

  it("adds a duration as fixed time, across DST", () => {
    expect(addIsoDuration("2026-03-28T12:00:00Z", "P1D")).toBe("2026-03-29T12:00:00.000Z");
    expect(addIsoDuration(new Date("2026-01-01T00:00:00Z"), "PT36H")).toBe("2026-01-02T12:00:00.000Z");
    expect(() => addIsoDuration("yesterday", "P1D")).toThrow(/invalid instant/);
  });
});
