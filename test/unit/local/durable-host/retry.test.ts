import { nextRetryDelayMs } from "../../../../local/durable-host/retry";
import { EventType } from "../../../../local/durable-host";
import { at, historyOf, startHost, summarize, T0 } from "./fixtures/host-fixture";

describe("nextRetryDelayMs", () => {
  const first = new Date(T0);
  it("grows by the coefficient and is capped at the max interval", () => {
    const options = {
      firstRetryIntervalInMilliseconds: 1000,
      maxNumberOfAttempts: 9,
      backoffCoefficient: 2,
      maxRetryIntervalInMilliseconds: 5000,
    };
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelayMs(options, n, first, first))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });
  it("uses a coefficient of 1 and no cap when they are not set", () => {
    const options = { firstRetryIntervalInMilliseconds: 700, maxNumberOfAttempts: 3 };
    expect(nextRetryDelayMs(options, 3, first, first)).toBe(700);
  });
  it("stops once retryTimeout has elapsed since the first attempt", () => {
    const options = {
      firstRetryIntervalInMilliseconds: 1000,
      maxNumberOfAttempts: 9,
      retryTimeoutInMilliseconds: 2500,
    };
    expect(nextRetryDelayMs(options, 1, first, new Date(Date.parse(T0) + 2499))).toBe(1000);
    expect(nextRetryDelayMs(options, 2, first, new Date(Date.parse(T0) + 2500))).toBe(0);
  });
});

describe("callActivityWithRetry on the host", () => {
  it("retries at first × coefficient^(n−1) capped at max, with timers and fresh ids", async () => {
    const host = await startHost();
    try {
      host.faults.failActivity("flaky", 3);
      await host.client.startNew("retrying", { instanceId: "r1" });
      await host.advanceBy(60_000);
      expect(host.instance("r1")?.status).toBe("Completed");
      expect(host.instance("r1")?.output).toBe(JSON.stringify("ok:x"));
      const history = historyOf(host, "r1");
      const scheduled = history.filter((e) => e.EventType === EventType.TaskScheduled);
      // delays 1 s, 2 s, then 4 s capped to 3 s
      expect(scheduled.map((e) => [e.EventId, e.Timestamp])).toEqual([
        [0, at(0)],
        [2, at(1000)],
        [4, at(3000)],
        [6, at(6000)],
      ]);
      const timers = history.filter((e) => e.EventType === EventType.TimerCreated);
      expect(timers.map((e) => [e.EventId, e.FireAt])).toEqual([
        [1, at(1000)],
        [3, at(3000)],
        [5, at(6000)],
      ]);
      expect(
        summarize(history, [EventType.TaskFailed, EventType.TimerFired, EventType.TaskCompleted]),
      ).toEqual([
        "TaskFailed->0",
        "TimerFired->1",
        "TaskFailed->2",
        "TimerFired->3",
        "TaskFailed->4",
        "TimerFired->5",
        "TaskCompleted->6",
      ]);
      expect(host.activityExecutions("flaky")).toBe(4);
    } finally {
      await host.stop();
    }
  });

  it("surfaces the last failure after maxNumberOfAttempts", async () => {
    const host = await startHost();
    try {
      host.faults.failActivity("flaky", 10);
      await host.client.startNew("retrying", { instanceId: "r2" });
      await host.advanceBy(3600_000);
      const output = JSON.parse(host.instance("r2")?.output ?? "null") as { failed: string; message: string };
      // Azure sends no FailureDetails for a Node activity: the SDK builds a plain Error.
      expect(output.failed).toBe("Error");
      expect(output.message).toContain("Injected failure of activity 'flaky'");
      expect(host.activityExecutions("flaky")).toBe(5);
    } finally {
      await host.stop();
    }
  });

  it("creates no retry timer once retryTimeout has elapsed (the SDK then waits forever)", async () => {
    const host = await startHost();
    try {
      host.faults.failActivity("flaky", 10);
      await host.client.startNew("retrying", { instanceId: "r3", input: { timeoutMs: 2500 } });
      await host.advanceBy(3600_000);
      const state = host.instance("r3");
      expect(state?.status).toBe("Running");
      // attempts at 0 s, 1 s and 3 s; the third failure is past the 2.5 s timeout
      expect(host.activityExecutions("flaky")).toBe(3);
      expect(state?.inbox).toEqual([]);
    } finally {
      await host.stop();
    }
  });
});
