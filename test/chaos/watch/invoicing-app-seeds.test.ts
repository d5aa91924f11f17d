import { INVOICING_APP_BROKEN_USERS } from "../../integration/engine/engine-fixture";
import { pauses, rollOut, SEEDS, SWEEP_TIMEOUT_MS } from "./seed-sweep";

jest.setTimeout(SWEEP_TIMEOUT_MS);

/**
 * A broken app must be caught whether or not its users happen to use it during their wave's bake
 * (docs/WATCH.md), on any seed, and nobody else held back for everyday noise.
 */
describe("invoicing-app: whole rollouts with their watch, seed by seed", () => {
  it.each(SEEDS)(
    "invoicing-app seed %i: all 4 users whose Invoicing fails on iOS end held back, nobody else, never a pause",
    async (seed) => {
      const outcome = await rollOut("invoicing-app", seed);
      expect(outcome.status).toBe("completed");
      expect(pauses(outcome.gates)).toEqual([]);
      expect(outcome.heldBack.map((u) => u.upn)).toEqual([...INVOICING_APP_BROKEN_USERS].sort());
      for (const user of outcome.heldBack) expect(user.reason).toMatch(/^Contoso Invoicing on iOS: /);
      expect(outcome.enforced).toBe(85 - INVOICING_APP_BROKEN_USERS.length);
    },
  );
});
