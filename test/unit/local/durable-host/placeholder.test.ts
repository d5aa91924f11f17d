import { captureRegistrations, LocalDurableHost } from "../../../../local/durable-host";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time, inside the capture
const registry = captureRegistrations(() => require("./fixtures/placeholder-http"));

describe("placeholder orchestration end to end", () => {
  it("HTTP start → durable client → activity → timer → external event → status", async () => {
    const host = await LocalDurableHost.start({
      registry,
      clock: { mode: "virtual", start: "2026-03-02T08:00:00Z" },
    });
    try {
      const started = await host.invokeHttp({
        method: "POST",
        url: "/api/placeholder/demo",
        body: { name: "Ada", waitMinutes: 30 },
      });
      expect(started.status).toBe(202);
      const { statusQueryGetUri } = started.json<{ statusQueryGetUri: string }>();
      await host.runUntilIdle();
      const waiting = await host.invokeHttp({ method: "GET", url: "/api/placeholder/demo" });
      expect(waiting.json()).toMatchObject({ runtimeStatus: "Running", customStatus: { stage: "waiting" } });

      const conflict = await host.invokeHttp({
        method: "POST",
        url: "/api/placeholder/demo",
        body: { name: "Ada" },
      });
      expect(conflict.status).toBe(409);

      await host.advanceBy(30 * 60_000);
      const awaiting = await host.invokeHttp({ method: "GET", url: statusQueryGetUri });
      expect(awaiting.json()).toMatchObject({ customStatus: { stage: "awaiting-approval" } });

      expect(
        (
          await host.invokeHttp({
            method: "POST",
            url: "/api/placeholder/demo/approve",
            body: { by: "lead" },
          })
        ).status,
      ).toBe(202);
      await host.runUntilIdle();
      const done = await host.invokeHttp({ method: "GET", url: statusQueryGetUri });
      expect(done.status).toBe(200);
      expect(done.json()).toMatchObject({
        runtimeStatus: "Completed",
        output: { greeting: "Hello Ada", approvedBy: "lead" },
        lastUpdatedTime: "2026-03-02T08:30:00.000Z",
      });
    } finally {
      await host.stop();
    }
  });

  it("rejects a start without a name and an approval for an unknown placeholder", async () => {
    const host = await LocalDurableHost.start({ registry });
    try {
      expect((await host.invokeHttp({ method: "POST", url: "/api/placeholder/x", body: {} })).status).toBe(
        400,
      );
      expect(
        (await host.invokeHttp({ method: "POST", url: "/api/placeholder/x/approve", body: {} })).status,
      ).toBe(404);
    } finally {
      await host.stop();
    }
  });
});
