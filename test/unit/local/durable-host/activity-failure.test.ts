import { EventType } from "../../../../local/durable-host";
import { historyOf, startHost } from "./fixtures/host-fixture";

describe("activity failures", () => {
  it("record TaskFailed as the extension does for a Node activity and surface as a plain Error", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("catchActivityFailure", { instanceId: "x1" });
      await host.runUntilIdle();
      const output = JSON.parse(host.instance("x1")?.output ?? "null") as {
        isTaskFailedError: boolean;
        name: string;
        message: string;
      };
      expect(output.isTaskFailedError).toBe(false);
      expect(output.name).toBe("Error");
      // "<Reason> \n <Details>" (TaskOrchestrationExecutor), the Reason with the RpcException's leading space
      expect(output.message).toMatch(
        /^Activity function 'boom' failed: {2}the activity blew up \n \{"\$type"/,
      );
      const failed = historyOf(host, "x1").find((e) => e.EventType === EventType.TaskFailed);
      expect(failed?.Reason).toBe("Activity function 'boom' failed:  the activity blew up");
      expect(failed?.FailureDetails).toBeUndefined();
      expect(JSON.parse(failed?.Details ?? "{}")).toMatchObject({
        Message: " the activity blew up",
        InnerException: {
          Message: expect.stringMatching(
            /^Result: Failure\nException: the activity blew up\nStack: RangeError/,
          ),
        },
      });
      expect(failed?.TaskScheduledId).toBe(0);
    } finally {
      await host.stop();
    }
  });

  it("fail the orchestration when not caught, with the error in the status", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("uncaughtFailure", { instanceId: "x2" });
      await host.runUntilIdle();
      const status = await host.client.getStatus("x2");
      expect(status?.runtimeStatus).toBe("Failed");
      expect(String(status?.output)).toContain("the activity blew up");
    } finally {
      await host.stop();
    }
  });

  it("pass string inputs to activities parsed, and an undefined result as null", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("steps", { instanceId: "s1", input: 2 });
      await host.runUntilIdle();
      expect(JSON.parse(host.instance("s1")?.output ?? "null")).toEqual(["step-0", "step-1", null]);
    } finally {
      await host.stop();
    }
  });

  it("log every activity run with its handler's wall time, failed runs too", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("steps", { instanceId: "s2", input: 2 });
      await host.client.startNew("catchActivityFailure", { instanceId: "x3" });
      await host.runUntilIdle();
      const runs = host.activityLog.filter((run) => run.instanceId === "s2" || run.instanceId === "x3");
      expect(runs.length).toBeGreaterThanOrEqual(4);
      for (const run of runs) expect(run.durationMs).toBeGreaterThanOrEqual(0);
    } finally {
      await host.stop();
    }
  });
});
