import { captureRegistrations, LocalDurableHost } from "../../../../local/durable-host";
import type * as TimerApp from "./fixtures/timer-app";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time, inside the capture
const registry = captureRegistrations(() => require("./fixtures/timer-app"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the capture above
const { firings } = require("./fixtures/timer-app") as typeof TimerApp;

describe("timer-triggered functions", () => {
  it("fire on their NCRONTAB schedule in virtual time and can start orchestrations", async () => {
    const host = await LocalDurableHost.start({
      registry,
      clock: { mode: "virtual", start: "2026-01-05T09:07:30Z" },
    });
    try {
      await host.advanceTo("2026-01-05T10:00:00Z");
      expect(host.timerFirings.map((f) => f.at)).toEqual([
        "2026-01-05T09:15:00.000Z",
        "2026-01-05T09:30:00.000Z",
        "2026-01-05T09:45:00.000Z",
        "2026-01-05T10:00:00.000Z",
      ]);
      expect(firings.every((f) => !f.isPastDue)).toBe(true);
      expect(firings[0]?.next).toBe("2026-01-05T09:30:00.000Z");
      // each firing started an orchestration through the real durable client, run at that time
      for (const [i, at] of ["09:15", "09:30", "09:45", "10:00"].entries()) {
        const state = host.instance(`sweep-${i + 1}`);
        expect(state?.status).toBe("Completed");
        expect(JSON.parse(state?.output ?? "null")).toBe(`2026-01-05T${at}:00.000Z`);
      }
    } finally {
      await host.stop();
    }
  });
});
