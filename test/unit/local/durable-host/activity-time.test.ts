import { EventType } from "../../../../local/durable-host";
import { at, historyOf, startHost, summarize } from "./fixtures/host-fixture";

const HOUR = 3600_000;

describe("activities that take virtual time", () => {
  it("deliver their result later, and an event raised meanwhile waits in order", async () => {
    const host = await startHost();
    try {
      host.faults.activityTakes("echo", 2 * HOUR);
      await host.client.startNew("slowThenEvent", { instanceId: "s1" });
      await host.runUntilIdle();
      await host.advanceBy(HOUR);
      expect(host.instance("s1")?.status).toBe("Running");
      expect(await host.client.raiseEvent("s1", "late", "during")).toBe(202);
      await host.advanceBy(2 * HOUR);
      expect(JSON.parse(host.instance("s1")?.output ?? "null")).toEqual({
        late: "during",
        afterActivity: at(2 * HOUR),
      });
      expect(summarize(historyOf(host, "s1"), [EventType.TaskCompleted, EventType.EventRaised])).toEqual([
        "EventRaised late",
        "TaskCompleted->0",
      ]);
    } finally {
      await host.stop();
    }
  });

  it("let a test raise events and call HTTP functions while a chosen execution runs", async () => {
    const host = await startHost();
    try {
      const seen: { status: string | undefined; hello: unknown }[] = [];
      host.faults.whileActivityRuns({ name: "echo", occurrence: 1 }, async () => {
        seen.push({
          status: host.instance("s2")?.status,
          hello: (await host.invokeHttp({ method: "GET", url: "/api/hello/activity" })).json(),
        });
        await host.client.raiseEvent("s2", "late", "while running");
      });
      await host.client.startNew("slowThenEvent", { instanceId: "s2" });
      await host.runUntilIdle();
      expect(seen).toEqual([{ status: "Running", hello: { hello: "activity" } }]);
      expect(JSON.parse(host.instance("s2")?.output ?? "null")).toMatchObject({ late: "while running" });
    } finally {
      await host.stop();
    }
  });
});

describe("MaxOrchestrationActions", () => {
  it("fails an execution at its 100,001st counted action by default", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("manyTimers", { instanceId: "over", input: 100_001 });
      await host.runUntilIdle();
      expect(host.instance("over")?.status).toBe("Failed");
      expect(host.instance("over")?.failure?.message).toBe(
        "Maximum amount of orchestration actions (100000) has been reached. " +
          "This value can be configured in host.json file as MaxOrchestrationActions.",
      );
    } finally {
      await host.stop();
    }
  });

  it("counts timers and activities per execution up to the configured limit", async () => {
    const host = await startHost({ maxOrchestrationActions: 5 });
    try {
      await host.client.startNew("manyTimers", { instanceId: "five", input: 5 });
      await host.client.startNew("manyTimers", { instanceId: "six", input: 6 });
      await host.client.startNew("steps", { instanceId: "steps", input: 5 }); // 5 echoes + noResult
      await host.advanceBy(2 * 60_000);
      expect(host.instance("five")?.status).toBe("Completed");
      expect(host.instance("six")?.status).toBe("Failed");
      expect(host.instance("steps")?.status).toBe("Failed");
      expect(host.instance("steps")?.failure?.message).toMatch(
        /^Maximum amount of orchestration actions \(5\)/,
      );
    } finally {
      await host.stop();
    }
  });
});
