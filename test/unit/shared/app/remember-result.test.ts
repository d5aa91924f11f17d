import { rememberResult } from "../../../../shared/app/remember-result";
import { fakePorts } from "./fake-ports";

describe("rememberResult", () => {
  function countingCheck() {
    const runs: string[] = [];
    const check = rememberResult(
      ({ rolloutId, at }: { rolloutId: string; at: string }) => `drift|${rolloutId}|${at}`,
      async (_deps: unknown, input: { rolloutId: string; at: string }) => {
        runs.push(input.at);
        return { drifted: false, checkedAt: input.at };
      },
    );
    return { check, runs };
  }

  it("a run again after the first finished returns the first result without doing the work", async () => {
    const ports = fakePorts();
    const { check, runs } = countingCheck();
    const first = await check(ports, { rolloutId: "r1", at: "2026-03-02T09:00:00.000Z" });
    const again = await check(ports, { rolloutId: "r1", at: "2026-03-02T09:00:00.000Z" });
    expect(again).toEqual(first);
    expect(runs).toEqual(["2026-03-02T09:00:00.000Z"]);
  });

  it("another input is new work", async () => {
    const ports = fakePorts();
    const { check, runs } = countingCheck();
    await check(ports, { rolloutId: "r1", at: "2026-03-02T09:00:00.000Z" });
    await check(ports, { rolloutId: "r1", at: "2026-03-02T15:00:00.000Z" });
    await check(ports, { rolloutId: "r2", at: "2026-03-02T09:00:00.000Z" });
    expect(runs).toHaveLength(3);
  });

  it("a run that failed stores nothing, so its retry does the work", async () => {
    const ports = fakePorts();
    let calls = 0;
    const flaky = rememberResult(
      (input: { rolloutId: string }) => `setup|${input.rolloutId}`,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("Graph 503");
        return { waveCount: 3 };
      },
    );
    await expect(flaky(ports, { rolloutId: "r1" })).rejects.toThrow("Graph 503");
    await expect(flaky(ports, { rolloutId: "r1" })).resolves.toEqual({ waveCount: 3 });
    expect(calls).toBe(2);
  });
});
