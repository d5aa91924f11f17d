import { pauses, rollOut, SEEDS, SWEEP_TIMEOUT_MS } from "./seed-sweep";

jest.setTimeout(SWEEP_TIMEOUT_MS);

/**
 * Everybody abandons a few prompts, each at their own rate, with heavy and light users: the gates
 * must not mistake that noise for a broken rollout, on any seed (docs/SIGN-IN-EVIDENCE.md, "What
 * error rates the defaults give").
 */
describe("clean: whole rollouts with their watch, seed by seed", () => {
  it.each(SEEDS)(
    "clean seed %i: 85 enforced, nobody held back, no pause, the watch reports nothing",
    async (seed) => {
      const outcome = await rollOut("clean", seed);
      expect({ status: outcome.status, enforced: outcome.enforced, heldBack: outcome.heldBack }).toEqual({
        status: "completed",
        enforced: 85,
        heldBack: [],
      });
      expect(pauses(outcome.gates)).toEqual([]);
      expect(outcome.gates.filter((g) => g.gate === "watch")).toEqual([]);
    },
  );
});
