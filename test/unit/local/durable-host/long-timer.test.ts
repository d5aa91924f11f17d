import { EventType } from "../../../../local/durable-host";
import { at, historyOf, startHost } from "./fixtures/host-fixture";

const DAY = 24 * 3600_000;

describe("durable timers on the virtual clock", () => {
  it("fires a 10-day timer at exactly its time, in 3-day chunks with their own ids", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("longTimer", { instanceId: "t1", input: 10 });
      await host.advanceBy(9 * DAY);
      expect(host.instance("t1")?.status).toBe("Running");
      await host.advanceBy(2 * DAY);
      const state = host.instance("t1");
      expect(state?.status).toBe("Completed");
      // the activity after the timer saw the orchestrator's clock at the timer's fire time
      expect(JSON.parse(state?.output ?? "null")).toEqual({ firedAt: at(10 * DAY) });
      const history = historyOf(host, "t1");
      const created = history.filter((e) => e.EventType === EventType.TimerCreated);
      expect(created.map((e) => [e.EventId, e.Timestamp, e.FireAt])).toEqual([
        [0, at(0), at(3 * DAY)],
        [1, at(3 * DAY), at(6 * DAY)],
        [2, at(6 * DAY), at(10 * DAY)],
      ]);
      const fired = history.filter((e) => e.EventType === EventType.TimerFired);
      expect(fired.map((e) => [e.TimerId, e.Timestamp])).toEqual([
        [0, at(3 * DAY)],
        [1, at(6 * DAY)],
        [2, at(10 * DAY)],
      ]);
      // the next action takes the id after the last chunk, as the SDK expects
      expect(history.find((e) => e.EventType === EventType.TaskScheduled)?.EventId).toBe(3);
    } finally {
      await host.stop();
    }
  });

  it("keeps a timer of six days or less in one piece", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("longTimer", { instanceId: "t2", input: 6 });
      await host.advanceBy(6 * DAY);
      const created = historyOf(host, "t2").filter((e) => e.EventType === EventType.TimerCreated);
      expect(created.map((e) => e.FireAt)).toEqual([at(6 * DAY)]);
      expect(host.instance("t2")?.status).toBe("Completed");
    } finally {
      await host.stop();
    }
  });

  it("advanceUntil stops the clock when the condition holds, not at the limit", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("longTimer", { instanceId: "t4", input: 2 });
      const done = await host.advanceUntil(() => host.instance("t4")?.status === "Completed", at(30 * DAY));
      expect(done).toBe(true);
      expect(host.clock.now().toISOString()).toBe(at(2 * DAY));
      const never = await host.advanceUntil(() => false, at(3 * DAY));
      expect(never).toBe(false);
      expect(host.clock.now().toISOString()).toBe(at(3 * DAY));
    } finally {
      await host.stop();
    }
  });

  it("does not move time when only asked to run what is ready", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("longTimer", { instanceId: "t3", input: 1 });
      await host.runUntilIdle();
      expect(host.clock.now().toISOString()).toBe(at(0));
      expect(host.instance("t3")?.status).toBe("Running");
    } finally {
      await host.stop();
    }
  });
});
