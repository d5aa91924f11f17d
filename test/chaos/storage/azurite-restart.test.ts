import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAzurite, type AzuriteHandle } from "../../../local/azurite";
import { assertInvariants } from "../../../local/rehearsal/invariants";
import { START } from "../../integration/engine/engine-fixture";
import { compactPlan, startChaosStack } from "../chaos-fixture";
import { duplicatedAuditKeys, rolloutEnd } from "../chaos-fixture-end";
import { runRollout } from "../chaos-fixture-run";

jest.setTimeout(240_000);

const ROLLOUT = "azurite-restart";
/** Real time the storage stays down: requests in flight (the host's saves, the activities' reads) must wait it out. */
const OUTAGE_MS = 6_000;

describe("Azurite restarted mid-rollout (same port, same data directory)", () => {
  const location = mkdtempSync(path.join(tmpdir(), "chaos-azurite-"));
  let azurite: AzuriteHandle | undefined;
  afterAll(async () => {
    await azurite?.stop();
    rmSync(location, { recursive: true, force: true });
  });

  it("the rollout rides over the outage: work waits and retries, nothing is lost, it completes with invariants holding", async () => {
    azurite = await startAzurite({ location });
    const { tablePort } = azurite;
    const stack = await startChaosStack("clean", { azuriteConnectionString: azurite.connectionString });
    const outages: string[] = [];
    const duringOutage: string[][] = [];
    try {
      const run = await runRollout(stack, compactPlan(ROLLOUT), {
        onStep: async (at) => {
          // The storage goes down just before work is due: wave 0's readiness gate and
          // enforcement (hour 24), wave 1's first health check (hour 72).
          const hour = (at.getTime() - START.getTime()) / 3_600_000;
          if (hour !== 23 && hour !== 71) return;
          outages.push(at.toISOString());
          // Everything due before the hour runs first, so the outage meets the gate's activities.
          await stack.host.advanceTo(new Date(at.getTime() + 3_600_000 - 1));
          const before = stack.host.activityLog.length;
          await azurite?.stop();
          const work = stack.host.advanceBy(2 * 3_600_000);
          await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
          azurite = await startAzurite({ location, tablePort });
          await work;
          duringOutage.push(stack.host.activityLog.slice(before).map((e) => e.name));
        },
      });
      expect(outages).toHaveLength(2);
      // Both outages met the gates' work (reads of the status tables, the host's own saves).
      expect(duringOutage[0]).toEqual(expect.arrayContaining(["collect-sign-ins", "evaluate-readiness"]));
      expect(duringOutage[1]).toEqual(expect.arrayContaining(["collect-sign-ins", "evaluate-health"]));
      expect(run.finished).toBe(true);
      const end = await rolloutEnd(stack, ROLLOUT);
      expect(end.status).toBe("completed");
      expect(end.usersByStage.enforced).toHaveLength(85);
      expect(end.enforcedGroup).toEqual(end.usersByStage.enforced);
      expect(duplicatedAuditKeys(end)).toEqual([]);
      await assertInvariants(stack, ROLLOUT, "after Azurite restarts");
    } finally {
      await stack.stop();
    }
  });
});
