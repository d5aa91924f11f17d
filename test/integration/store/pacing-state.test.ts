import { storePacingState } from "../../../shared/store";
import { twoWorkers } from "./store-fixture";

describe("the stored pacing slots", () => {
  it("is empty at first, then what the last call recorded, for another worker too", async () => {
    const { mine, theirs } = await twoWorkers();
    const before = storePacingState(mine.counters);
    expect(await before.load("conditionalAccess")).toBeUndefined();
    await before.saveAll([["conditionalAccess", [1_767_600_001_000]]]);
    await before.saveAll([
      ["conditionalAccess", [1_767_600_002_000]],
      ["scope|reports|collect|r/1?#", [3, 1_767_600_002_000]],
    ]);
    // A process that starts after a crash reads it from the table, not from memory.
    expect(await storePacingState(theirs.counters).load("conditionalAccess")).toEqual([1_767_600_002_000]);
    expect(await storePacingState(theirs.counters).load("scope|reports|collect|r/1?#")).toEqual([
      3, 1_767_600_002_000,
    ]);
    expect(await storePacingState(theirs.counters).load("otherKind")).toBeUndefined();
  });

  it("stays out of every rollout's counters", async () => {
    const { mine } = await twoWorkers();
    await storePacingState(mine.counters).saveAll([["conditionalAccess", [1]]]);
    expect(await mine.counters.find("r1", "next-allowed", "conditionalAccess")).toBeUndefined();
  });
});
