import { assertInvariants } from "../../../local/rehearsal/invariants";
import { azuriteConnectionString } from "../../integration/azurite-env";
import { compactPlan, startChaosStack } from "../chaos-fixture";
import { duplicatedAuditKeys, progressDigest, rolloutEnd, type RolloutEnd } from "../chaos-fixture-end";
import { runRollout, type Boundary, type RolloutRun } from "../chaos-fixture-run";

jest.setTimeout(300_000);

const ROLLOUT = "crash-rollout";
const SCENARIOS = ["clean", "invoicing-app"] as const;
const BOUNDARIES: Boundary[] = ["beforeComplete", "afterComplete"];
const crashPoints: Record<string, number> = {};
// Graph's limits are on in every run: Conditional Access calls (one a second) and report reads
// (five per ten seconds) are paced, and an activity re-run after a crash must not call Graph into
// a 429 that moves virtual time.

afterAll(() => {
  const total = Object.values(crashPoints).reduce((a, b) => a + b, 0);
  const parts = SCENARIOS.map((s) => `${s} ${crashPoints[s] ?? 0}`).join(", ");
  console.log(`crash points exercised: ${total} (${parts})`);
});

describe.each(SCENARIOS)("crash at every activity boundary: %s", (scenario) => {
  const plan = compactPlan(ROLLOUT);
  let reference: { run: RolloutRun; end: RolloutEnd; progress: Map<number, string> };

  beforeAll(async () => {
    const stack = await startChaosStack(scenario, {
      azuriteConnectionString: azuriteConnectionString(),
      throttling: true,
    });
    try {
      const progress = new Map<number, string>();
      const run = await runRollout(stack, plan, {
        onStep: async (at) => void progress.set(at.getTime(), await progressDigest(stack, ROLLOUT)),
      });
      await assertInvariants(stack, ROLLOUT, "at the end of the uncrashed run");
      reference = { run, end: await rolloutEnd(stack, ROLLOUT), progress };
    } finally {
      await stack.stop();
    }
  });

  it("the uncrashed run completes, crosses continue-as-new and every activity the scenario needs", () => {
    expect(reference.run.finished).toBe(true);
    expect(reference.end.status).toBe("completed");
    const kinds = new Set(reference.run.executions.map((e) => e.name));
    for (const kind of [
      "set-rollout-status",
      "preflight",
      "setup-rollout",
      "start-wave",
      "collect-sign-ins",
      "evaluate-readiness",
      "enforce-wave",
      "evaluate-health",
      "complete-wave",
      "retry-held-back",
      "complete-rollout",
      ...(scenario === "invoicing-app" ? ["release-held-back"] : []),
    ])
      expect(kinds).toContain(kind);
    // The rollout continues-as-new after setup and after each wave: work of every execution ran.
    const instances = new Set(reference.run.executions.map((e) => e.instanceId));
    expect([...instances].sort()).toEqual([ROLLOUT, `${ROLLOUT}--wave-0`, `${ROLLOUT}--wave-1`]);
    expect(duplicatedAuditKeys(reference.end)).toEqual([]);
    if (scenario === "invoicing-app")
      expect(reference.end.decisions.some((d) => d.endsWith("→ shrink"))).toBe(true);
  });

  it.each(BOUNDARIES)(
    "stopping the host %s of each activity execution, then resuming on a new host, ends as the uncrashed run",
    async (boundary) => {
      const stack = await startChaosStack(scenario, {
        azuriteConnectionString: azuriteConnectionString(),
        throttling: true,
      });
      try {
        const drift: string[] = [];
        let crashesSeen = 0;
        const run: RolloutRun = await runRollout(stack, plan, {
          crashEvery: boundary,
          onStep: async (at, crashes) => {
            const expected = reference.progress.get(at.getTime());
            const actual = await progressDigest(stack, ROLLOUT);
            if (expected !== undefined && actual !== expected)
              drift.push(`${at.toISOString()}: ${actual} instead of ${expected}`);
            if (crashes.length > crashesSeen) {
              crashesSeen = crashes.length;
              await assertInvariants(stack, ROLLOUT, `after a restart at ${at.toISOString()}`);
            }
          },
        });
        expect(run.finished).toBe(true);
        // Every boundary of the uncrashed run was a crash point, in the same order.
        expect(run.crashes.map((c) => c.activity.name)).toEqual(reference.run.executions.map((e) => e.name));
        crashPoints[scenario] = (crashPoints[scenario] ?? 0) + run.crashes.length;
        expect(drift).toEqual([]);
        const end = await rolloutEnd(stack, ROLLOUT);
        expect(end).toEqual(reference.end);
        expect(duplicatedAuditKeys(end)).toEqual([]);
        await assertInvariants(stack, ROLLOUT, "at the end");
      } finally {
        await stack.stop();
      }
    },
  );
});
