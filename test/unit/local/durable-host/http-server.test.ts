import { startHost } from "./fixtures/host-fixture";

describe("serving HTTP functions on a loopback port", () => {
  it("answers a real fetch, with route parameters, and management URLs on the same origin", async () => {
    const host = await startHost();
    try {
      const base = await host.serveHttp(0);
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${base}/api/hello/ada`)).json()).toEqual({ hello: "ada" });
      expect(await (await fetch(`${base}/api/hello`)).json()).toEqual({ hello: "world" });
      expect((await fetch(`${base}/api/nothing-here`)).status).toBe(404);

      const started = await fetch(`${base}/api/start/waitForever/s1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(started.status).toBe(202);
      const links = (await started.json()) as { statusQueryGetUri: string };
      expect(links.statusQueryGetUri.startsWith(`${base}/runtime/webhooks/durabletask/instances/s1?`)).toBe(
        true,
      );
      await host.runUntilIdle();
      const status = await fetch(links.statusQueryGetUri);
      expect(status.status).toBe(202);
      expect(((await status.json()) as { customStatus: unknown }).customStatus).toBe("waiting");
    } finally {
      await host.stop();
    }
  });
});
