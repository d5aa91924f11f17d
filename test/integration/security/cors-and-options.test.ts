import { startEngine, type EngineRun } from "../engine/engine-fixture";

jest.setTimeout(120_000);

/**
 * Over real HTTP through the local host: a browser's CORS preflight finds no route, and no
 * answer to a cross-origin request grants the origin anything.
 */
describe("CORS is closed", () => {
  let run: EngineRun;

  beforeAll(async () => {
    run = await startEngine("clean");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it.each(["/api/rollouts", "/api/rollouts/x/pause", "/api/preflight", "/api/rollouts/preview"])(
    "OPTIONS %s is not allowed and grants no origin",
    async (path) => {
      const response = await fetch(new URL(path, run.baseUrl), {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "x-ms-client-principal,content-type",
        },
      });
      await response.text();
      expect([404, 405]).toContain(response.status);
      expect([...response.headers.keys()].filter((h) => h.startsWith("access-control-"))).toEqual([]);
    },
  );

  it("answers a cross-origin GET without Access-Control-Allow-Origin", async () => {
    const response = await run.api("GET", "/api/rollouts");
    expect(response.status).toBe(200);
    const cross = await fetch(new URL("/api/rollouts", run.baseUrl), {
      headers: { origin: "https://evil.example" },
    });
    await cross.text();
    expect(cross.headers.get("access-control-allow-origin")).toBeNull();
  });
});
