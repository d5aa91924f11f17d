import { stageTimeline, type StageTimelineInput } from "../../../../shared/report/stage-timeline";
import { audit, counts } from "./report-fixtures";

const names = new Map([
  [0, "pilot"],
  [1, "core"],
]);

function timeline(partial: Partial<StageTimelineInput> & Pick<StageTimelineInput, "audit" | "finalCounts">) {
  return stageTimeline({ stageBeforeExclusion: new Map(), waveNames: names, ...partial });
}

const setup = audit("2026-01-05T07:00:00.000Z", "setup", { population: 30 });
const enforcePilot = audit(
  "2026-01-08T08:00:00.000Z",
  "wave:enforce",
  { enforced: 10, notFound: [], requests: 1 },
  { waveIndex: 0 },
);

describe("stageTimeline", () => {
  it("starts with the whole population under report-only and moves each wave into enforcement", () => {
    const result = timeline({
      audit: [setup, enforcePilot],
      finalCounts: counts({ reportOnly: 20, enforced: 10 }),
    });
    expect(result.points).toEqual([
      { at: setup.at, counts: counts({ reportOnly: 30 }) },
      { at: enforcePilot.at, counts: counts({ reportOnly: 20, enforced: 10 }) },
    ]);
    expect(result.markers).toEqual([{ at: enforcePilot.at, label: "pilot enforced" }]);
    expect(result.reconciled).toBe(false);
  });

  it("holds back from report-only at the readiness gate and from enforcement at the health gate", () => {
    const readiness = audit(
      "2026-01-08T07:00:00.000Z",
      "decision:shrink",
      { heldBack: [{ userId: "a" }] },
      { actor: "system:readiness-gate", waveIndex: 0 },
    );
    const enforce = audit(
      "2026-01-08T08:00:00.000Z",
      "wave:enforce",
      { enforced: 9, notFound: ["gone"] },
      { waveIndex: 0 },
    );
    const health = audit(
      "2026-01-10T08:00:00.000Z",
      "decision:shrink",
      { heldBack: [{ userId: "b" }, { userId: "c" }] },
      { actor: "system:health-gate", waveIndex: 0 },
    );
    const result = timeline({
      audit: [setup, readiness, enforce, health],
      finalCounts: counts({ reportOnly: 19, enforced: 7, heldBack: 4 }),
    });
    expect(result.points.map((p) => p.counts)).toEqual([
      counts({ reportOnly: 30 }),
      counts({ reportOnly: 29, heldBack: 1 }),
      counts({ reportOnly: 19, enforced: 9, heldBack: 2 }),
      counts({ reportOnly: 19, enforced: 7, heldBack: 4 }),
    ]);
    expect(result.reconciled).toBe(false);
  });

  it("counts retries, step-backs and the changes of one instant whatever their order in the log", () => {
    const stepBack = audit("2026-01-12T08:00:00.000Z", "wave:step-back", { users: 9 }, { waveIndex: 0 });
    const retry = audit("2026-01-19T08:00:00.000Z", "held-back:retry", {
      enforced: ["a", "b", "c"],
      stillHeldBack: [{ userId: "d" }],
    });
    // Same instant, listed before the enforcement it follows: RowKeys sort by random suffix.
    const sameInstant = audit(
      enforcePilot.at,
      "decision:shrink",
      { heldBack: [{ userId: "x" }] },
      { actor: "system:health-gate" },
    );
    const result = timeline({
      audit: [setup, sameInstant, enforcePilot, stepBack, retry],
      finalCounts: counts({ reportOnly: 20, enforced: 3, heldBack: 7 }),
    });
    expect(result.points.map((p) => p.counts)).toEqual([
      counts({ reportOnly: 30 }),
      counts({ reportOnly: 20, enforced: 9, heldBack: 1 }),
      counts({ reportOnly: 20, heldBack: 10 }),
      counts({ reportOnly: 20, enforced: 3, heldBack: 7 }),
    ]);
  });

  it("takes an exclusion's previous stage from its end, or from the users table while it lasts", () => {
    const excludeA = audit("2026-01-09T08:00:00.000Z", "exclusion:add", { userId: "a", reason: "travel" });
    const renewA = audit("2026-01-09T09:00:00.000Z", "exclusion:add", { userId: "a", reason: "longer" });
    const excludeB = audit("2026-01-09T10:00:00.000Z", "exclusion:add", { userId: "b" });
    const endA = audit("2026-01-10T08:00:00.000Z", "exclusion:end", { userId: "a", stage: "enforced" });
    const result = timeline({
      audit: [setup, enforcePilot, excludeA, renewA, excludeB, endA],
      stageBeforeExclusion: new Map([["b", "reportOnly"]]),
      finalCounts: counts({ reportOnly: 19, enforced: 10, excluded: 1 }),
    });
    expect(result.points.map((p) => [p.at, p.counts])).toEqual([
      [setup.at, counts({ reportOnly: 30 })],
      [enforcePilot.at, counts({ reportOnly: 20, enforced: 10 })],
      [excludeA.at, counts({ reportOnly: 20, enforced: 9, excluded: 1 })],
      [excludeB.at, counts({ reportOnly: 19, enforced: 9, excluded: 2 })],
      [endA.at, counts({ reportOnly: 19, enforced: 10, excluded: 1 })],
    ]);
  });

  it("trusts the stage an exclusion says the user was in over any guess", () => {
    const exclude = audit("2026-01-09T08:00:00.000Z", "exclusion:add", { userId: "a", was: "heldBack" });
    // Back as held back although they were report-only: their wave was enforced meanwhile.
    const end = audit("2026-01-10T08:00:00.000Z", "exclusion:end", { userId: "a", stage: "heldBack" });
    const shrink = audit(
      "2026-01-08T09:00:00.000Z",
      "decision:shrink",
      { heldBack: [{ userId: "a" }] },
      { actor: "system:health-gate" },
    );
    const result = timeline({
      audit: [setup, enforcePilot, shrink, exclude, end],
      finalCounts: counts({ reportOnly: 20, enforced: 9, heldBack: 1 }),
    });
    expect(result.points.map((p) => p.counts)[3]).toEqual(
      counts({ reportOnly: 20, enforced: 9, excluded: 1 }),
    );
    expect(result.reconciled).toBe(false);
  });

  it("runs a live rollout's last step up to now", () => {
    const result = timeline({
      audit: [setup],
      finalCounts: counts({ reportOnly: 30 }),
      until: "2026-01-06T00:00:00.000Z",
    });
    expect(result.points.map((p) => p.at)).toEqual([setup.at, "2026-01-06T00:00:00.000Z"]);
  });

  it("ends at the users table's counts, and says so, when the log does not account for them", () => {
    const result = timeline({
      audit: [setup, enforcePilot],
      finalCounts: counts({ reportOnly: 18, enforced: 12 }),
      until: "2026-01-09T00:00:00.000Z",
    });
    expect(result.points.at(-1)).toEqual({
      at: "2026-01-09T00:00:00.000Z",
      counts: counts({ reportOnly: 18, enforced: 12 }),
    });
    expect(result.reconciled).toBe(true);
  });

  it("has nothing to draw for a rollout that has not set up yet", () => {
    const start = audit("2026-01-05T07:00:00.000Z", "rollout:start", { waves: ["pilot"] });
    expect(timeline({ audit: [start], finalCounts: counts({}) })).toEqual({
      points: [],
      markers: [],
      reconciled: false,
    });
  });
});
