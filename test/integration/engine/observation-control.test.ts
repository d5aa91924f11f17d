import { seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(120_000);

describe("control events while the first wave is still observing", () => {
  let run: EngineRun;
  const plan = seedPlan({ rolloutId: "observing" });

  beforeAll(async () => {
    run = await startEngine("clean");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  const status = async () => (await run.stack.store.rollouts.get("observing")).status;

  it("pauses, resumes and aborts the wave, and nobody is enforced", async () => {
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    await run.stack.host.advanceBy(6 * 3_600_000);
    expect(await status()).toBe("running");

    expect((await run.api("POST", "/api/rollouts/observing/pause", { reason: "helpdesk busy" })).status).toBe(
      202,
    );
    await run.stack.host.advanceBy(3_600_000);
    expect(await status()).toBe("paused");

    // Paused through the end of the observation window: no enforcement happens meanwhile.
    await run.stack.host.advanceBy(4 * 86_400_000);
    expect(await status()).toBe("paused");
    expect((await run.stack.store.rollouts.get("observing")).counts.enforced).toBe(0);

    expect((await run.api("POST", "/api/rollouts/observing/abort", { reason: "not this week" })).status).toBe(
      202,
    );
    await run.stack.host.advanceBy(3_600_000);
    expect(await status()).toBe("aborted");
    expect((await run.stack.store.rollouts.get("observing")).counts.enforced).toBe(0);
  });
});
