import { CONTROL_ACTIONS, isControlAction, isWavePhase, WAVE_PHASES } from "../../../../shared/domain";

describe("reading stored and requested names", () => {
  it("knows a wave row's phase and refuses anything else", () => {
    expect(WAVE_PHASES.every(isWavePhase)).toBe(true);
    expect(isWavePhase("baking")).toBe(false);
    expect(isWavePhase("")).toBe(false);
  });

  it("accepts only the actions an admin may post", () => {
    expect(CONTROL_ACTIONS.every(isControlAction)).toBe(true);
    expect(isControlAction("retryHeldBack")).toBe(false);
    expect(isControlAction("advance")).toBe(false);
  });
});
