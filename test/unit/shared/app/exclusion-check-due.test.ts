import { exclusionCheckDue } from "../../../../shared/app/exclusion-expiry";
import { emptyStageCounts } from "../../../../shared/store";

const now = new Date("2026-02-01T10:05:00Z");
const counts = (excluded: number) => ({ ...emptyStageCounts(), excluded });

describe("exclusionCheckDue", () => {
  it("waits until the earliest exclusion end has come", () => {
    expect(exclusionCheckDue({ exclusionsDueAt: "2026-02-01T10:05:00.001Z", counts: counts(3) }, now)).toBe(
      false,
    );
    expect(exclusionCheckDue({ exclusionsDueAt: "2026-02-01T10:05:00.000Z", counts: counts(3) }, now)).toBe(
      true,
    );
    expect(exclusionCheckDue({ exclusionsDueAt: "2026-01-30T00:00:00.000Z", counts: counts(0) }, now)).toBe(
      true,
    );
  });

  it("without a due time, looks only when the counts say somebody is excluded", () => {
    expect(exclusionCheckDue({ counts: counts(0) }, now)).toBe(false);
    expect(exclusionCheckDue({ counts: counts(1) }, now)).toBe(true);
  });
});
