import { captureRegistrations, LocalDurableHost } from "../../../../local/durable-host";
import type * as TimerApp from "./fixtures/timer-app";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time, inside the capture
const registry = captureRegistrations(() => require("./fixtures/timer-app"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the capture above
const { firings } = require("./fixtures/timer-app") as typeof TimerApp;

async function firingsOf(options: { timerLastRun?: Record<string, string> }): Promise<string[]> {
  const host = await LocalDurableHost.start({
    registry,
    clock: { mode: "virtual", start: "2026-01-05T09:15:00Z" },
    ...options,
  });
  try {
    await host.advanceTo("2026-01-05T09:31:00Z");
    return host.timerFirings.map((f) => f.at);
  } finally {
    await host.stop();
  }
}

describe("timer functions after a restart (schedule monitor)", () => {
  it("a host told when a timer last ran fires the occurrence it missed while down at once", async () => {
    firings.length = 0;
    const at = await firingsOf({ timerLastRun: { sweep: "2026-01-05T09:00:00.000Z" } });
    expect(at).toEqual(["2026-01-05T09:15:00.000Z", "2026-01-05T09:30:00.000Z"]);
    expect(firings[0]?.last).toBe("2026-01-05T09:00:00.000Z");
  });

  it("without that record a host starting at an occurrence waits for the next one", async () => {
    expect(await firingsOf({})).toEqual(["2026-01-05T09:30:00.000Z"]);
  });

  it("an occurrence that already ran is not run again", async () => {
    expect(await firingsOf({ timerLastRun: { sweep: "2026-01-05T09:15:00.000Z" } })).toEqual([
      "2026-01-05T09:30:00.000Z",
    ]);
  });
});
