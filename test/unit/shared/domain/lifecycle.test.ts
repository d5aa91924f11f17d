import {
  allowsAction,
  canMoveUser,
  canReconcile,
  CONTROL_ACTIONS,
  isClosedStatus,
  isFinalStatus,
  ROLLOUT_STATUSES,
  USER_STAGES,
} from "../../../../shared/domain";

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

  it("closes aborted and failed rollouts only: a completed one still lets exclusions expire", () => {
    expect(ROLLOUT_STATUSES.filter(isClosedStatus)).toEqual(["aborted", "failed"]);
  });

  it("reconciles only a rollout whose wave is not running and whose watch is not looking", () => {
    expect(ROLLOUT_STATUSES.filter((s) => !canReconcile(s))).toEqual(["running", "watching"]);
  });

  it.each([
    ["pause", ["running", "waitingForWindow", "waitingForApproval"]],
    ["resume", ["paused"]],
    ["approve", ["waitingForWindow", "waitingForApproval"]],
    ["abort", ["running", "watching", "waitingForWindow", "waitingForApproval", "paused", "completed"]],
    [
      "retry-held-back",
      ["running", "watching", "waitingForWindow", "waitingForApproval", "paused", "completed"],
    ],
    ["end-watch", ["watching"]],
  ] as const)("allows %s only while %j", (action, statuses) => {
    expect(ROLLOUT_STATUSES.filter((s) => allowsAction(s, action))).toEqual(statuses);
  });

  it("takes no action on an aborted or failed rollout", () => {
    for (const action of CONTROL_ACTIONS) {
      expect(allowsAction("aborted", action) || allowsAction("failed", action)).toBe(false);
    }
  });
});
