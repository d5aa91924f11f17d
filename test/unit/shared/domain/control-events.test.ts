import { CONTROL_ACTIONS } from "../../../../shared/domain";
import { ControlEvents, REQUEST_ACTION_OF } from "../../../../shared/domain/control-events";

describe("which HTTP request may release each admin event", () => {
  it("pairs every admin event with its own action, one to one", () => {
    expect(REQUEST_ACTION_OF).toEqual({
      pause: "pause",
      resume: "resume",
      approve: "approve",
      abort: "abort",
      retryHeldBack: "retry-held-back",
      endWatch: "end-watch",
    });
    const actions = Object.values(REQUEST_ACTION_OF);
    expect(new Set(actions).size).toBe(actions.length);
    for (const action of actions) expect(CONTROL_ACTIONS).toContain(action);
  });

  it("no request releases the timer's advance: an admin cannot skip the change window", () => {
    expect(REQUEST_ACTION_OF[ControlEvents.advance]).toBeUndefined();
  });
});
