import { startHost } from "./fixtures/host-fixture";

interface CheckStatus {
  id: string;
  statusQueryGetUri: string;
  sendEventPostUri: string;
  terminatePostUri: string;
}

describe("durable client routes through the real df.getClient()", () => {
  it("starts an instance from an HTTP function and serves createCheckStatusResponse's URLs", async () => {
    const host = await startHost();
    try {
      const started = await host.invokeHttp({
        method: "POST",
        url: "/api/start/eventAfterActivity/h1",
        body: {},
      });
      expect(started.status).toBe(202);
      const links = started.json<CheckStatus>();
      expect(links.id).toBe("h1");
      expect(started.headers.location).toBe(links.statusQueryGetUri);
      expect(links.statusQueryGetUri).toBe(
        "http://localhost:7071/runtime/webhooks/durabletask/instances/h1?taskHub=LocalTaskHub&connection=Storage",
      );
      await host.runUntilIdle();

      const running = await host.invokeHttp({ method: "GET", url: links.statusQueryGetUri });
      expect(running.status).toBe(202);
      expect(running.json<{ runtimeStatus: string }>().runtimeStatus).toBe("Running");

      const raise = await host.invokeHttp({
        method: "POST",
        url: links.sendEventPostUri.replace("{eventName}", "approve"),
        body: { by: "webhook" },
      });
      expect(raise.status).toBe(202);
      await host.runUntilIdle();
      const done = await host.invokeHttp({
        method: "GET",
        url: `${links.statusQueryGetUri}&showHistory=true`,
      });
      expect(done.status).toBe(200);
      const body = done.json<{ runtimeStatus: string; output: unknown; historyEvents: unknown[] }>();
      expect(body.runtimeStatus).toBe("Completed");
      expect(body.output).toEqual({ first: "before-wait", approval: { by: "webhook" } });
      expect(body.historyEvents.length).toBeGreaterThan(4);
    } finally {
      await host.stop();
    }
  });

  it("lets a client function see v3 getStatus throw for an unknown instance", async () => {
    const host = await startHost();
    try {
      const missing = await host.invokeHttp({ method: "GET", url: "/api/probe/nope" });
      expect(missing.status).toBe(404);
      expect(missing.json<{ error: string }>().error).toContain("404");
      await host.client.startNew("waitForever", { instanceId: "known" });
      const found = await host.invokeHttp({ method: "GET", url: "/api/probe/known" });
      expect(found.json()).toEqual({ found: true, runtimeStatus: "Pending" });
    } finally {
      await host.stop();
    }
  });

  it("answers the extension's status codes on the RPC routes", async () => {
    const host = await startHost();
    try {
      const rpc = `${host.clientOrigin}/durabletask`;
      expect((await fetch(`${rpc}/instances/ghost`)).status).toBe(404);
      expect((await fetch(`${rpc}/orchestrators/notAnOrchestrator`, { method: "POST" })).status).toBe(400);
      await host.client.startNew("waitForever", { instanceId: "dup" });
      const again = await fetch(`${rpc}/orchestrators/waitForever/dup`, { method: "POST" });
      expect(again.status).toBe(409);
      const list = await host.client.list();
      expect(list.map((s) => s.instanceId)).toEqual(["dup"]);
      await host.client.terminate("dup", "cleanup");
      await host.runUntilIdle();
      expect(await host.client.purge("dup")).toBe(200);
      expect(await host.client.getStatus("dup")).toBeUndefined();

      await host.client.startNew("steps", { instanceId: "done-1", input: 0 });
      await host.client.startNew("waitForever", { instanceId: "still-running" });
      await host.runUntilIdle();
      const completed = await fetch(`${rpc}/instances/?runtimeStatus=Completed`);
      expect(((await completed.json()) as { instanceId: string }[]).map((s) => s.instanceId)).toEqual([
        "done-1",
      ]);
      const purged = await fetch(`${rpc}/instances/?runtimeStatus=Completed,Failed,Terminated`, {
        method: "DELETE",
      });
      expect(await purged.json()).toEqual({ instancesDeleted: 1 });
      expect((await host.client.list()).map((s) => s.instanceId)).toEqual(["still-running"]);
    } finally {
      await host.stop();
    }
  });
});
