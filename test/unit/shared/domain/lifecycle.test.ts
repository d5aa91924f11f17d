import { canMoveUser, isFinalStatus, ROLLOUT_EVENTS, USER_STAGES } from "../../../../shared/domain";

describe("user stages", () => {
  it.each([
    ["pending", "reportOnly", true],
    ["reportOnly", "enforced", true],
    ["enforced", "heldBack", true],
    ["heldBack", "enforced", true],
    ["excluded", "reportOnly", true],
    ["enforced", "pending", false],
    ["pending", "enforced", false],
    ["enforced", "reportOnly", false],
  ] as const)("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canMoveUser(from, to)).toBe(allowed);
  });

  it("lets every stage stay where it is (idempotent moves)", () => {
    for (const stage of USER_STAGES) expect(canMoveUser(stage, stage)).toBe(true);
  });
});

describe("rollout status and events", () => {
  it("knows which statuses are final", () => {
    expect(["completed", "aborted", "failed"].every((s) => isFinalStatus(s as never))).toBe(true);
    expect(isFinalStatus("paused")).toBe(false);
  });

  it("uses the durable event names the orchestrations listen for", () => {
    expect(ROLLOUT_EVENTS).toEqual([
      "pause",
      "resume",
      "approve",
      "advance",
      "abort",
      "retryHeldBack",
      "endWatch",
    ]);
  });
});
