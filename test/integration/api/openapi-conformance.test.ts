import { openApiDocument } from "../../../shared/api/openapi-document";
import { principalHeader, LOCAL_ADMIN } from "../../../local/rehearsal/local-admin";
import type { RolloutStatus } from "../../../shared/store";
import { committedOpenApi, OpenApiValidator } from "../../support/openapi-validator";
import { seedPlan, startEngine, type EngineRun } from "../engine/engine-fixture";

jest.setTimeout(240_000);

const HOUR = 3_600_000;
/** Thursday noon of the first week: the pilot is baking, waves core and extended are observed. */
const PILOT_BAKING = "2026-01-08T12:00:00Z";
const rolloutId = "openapi-conformance";

interface Exchange {
  status: number;
  json: () => unknown;
  requestProblems: string[];
  responseProblems: string[];
}

/**
 * Real requests to the app on the local host, each checked against the committed description:
 * the request before it is sent, the answer (status, content type, body) when it comes back.
 */
describe("the HTTP API against docs/openapi.json", () => {
  let run: EngineRun;
  const validator = new OpenApiValidator(committedOpenApi());

  async function call(method: string, path: string, body?: unknown): Promise<Exchange> {
    const requestProblems = validator.checkRequest(method, path, body);
    const response = await fetch(new URL(path, run.baseUrl), {
      method,
      headers: { "x-ms-client-principal": principalHeader(LOCAL_ADMIN), "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    const responseProblems = validator.checkResponse(method, path, response.status, contentType, text);
    return { status: response.status, json: () => JSON.parse(text), requestProblems, responseProblems };
  }

  /** A conforming request, answered as described with `status`. */
  async function expectConforming(method: string, path: string, status: number, body?: unknown) {
    const exchange = await call(method, path, body);
    const { requestProblems, responseProblems } = exchange;
    expect({ path, status: exchange.status, requestProblems, responseProblems }).toEqual({
      path,
      status,
      requestProblems: [],
      responseProblems: [],
    });
    return exchange;
  }

  const statusOf = async (): Promise<RolloutStatus> => (await run.stack.store.rollouts.get(rolloutId)).status;

  beforeAll(async () => {
    run = await startEngine("clean");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("serves the committed description at GET /api/openapi.json", async () => {
    const served = await expectConforming("GET", "/api/openapi.json", 200);
    expect(served.json()).toEqual(committedOpenApi());
    expect(served.json()).toEqual(openApiDocument());
  });

  it("describes every request and answer of a rollout's life: checks, start, reads, exclusions, pause, reconcile, resume", async () => {
    const plan = seedPlan({ rolloutId });
    await expectConforming("POST", "/api/preflight", 200, plan);
    await expectConforming("POST", "/api/rollouts/preview", 200, plan);
    await expectConforming("POST", "/api/rollouts", 202, plan);
    await expectConforming("POST", "/api/rollouts", 409, seedPlan({ rolloutId, description: "another" }));
    await run.stack.host.advanceUntil(() => false, PILOT_BAKING);

    await expectConforming("GET", "/api/rollouts", 200);
    await expectConforming("GET", `/api/rollouts/${rolloutId}`, 200);
    await expectConforming("GET", `/api/rollouts/${rolloutId}/gates?limit=10`, 200);
    await expectConforming("GET", `/api/preflight?rolloutId=${rolloutId}`, 200);
    await expectConforming("GET", `/api/rollouts/${rolloutId}/view`, 200);
    await expectConforming("GET", "/api/rollouts/no-such-rollout", 404);
    const users = await expectConforming(
      "GET",
      `/api/rollouts/${rolloutId}/users?stage=reportOnly&limit=5`,
      200,
    );
    const [someone] = (users.json() as { users: { userId: string }[] }).users;
    expect(someone).toBeDefined();

    const expiresAt = new Date(run.stack.clock.now().getTime() + 7 * 24 * HOUR).toISOString();
    const exclusion = { userId: someone?.userId, reason: "travelling without a phone", expiresAt };
    await expectConforming("POST", `/api/rollouts/${rolloutId}/exclusions`, 201, exclusion);
    await expectConforming("DELETE", `/api/rollouts/${rolloutId}/exclusions/${someone?.userId}`, 200);

    await expectConforming("POST", `/api/rollouts/${rolloutId}/pause`, 202, { reason: "maintenance" });
    for (let hour = 0; hour < 12 && (await statusOf()) !== "paused"; hour++)
      await run.stack.host.advanceBy(HOUR);
    expect(await statusOf()).toBe("paused");
    await expectConforming("POST", `/api/rollouts/${rolloutId}/pause`, 409);
    await expectConforming("POST", `/api/rollouts/${rolloutId}/reconcile`, 200, {
      reason: "after maintenance",
    });
    await expectConforming("POST", `/api/rollouts/${rolloutId}/resume`, 202);
  });

  it.each([
    [
      "a plan with an unknown field",
      "POST",
      "/api/rollouts",
      seedPlan({ rolloutId: "typo", colour: "blue" }),
    ],
    ["a preview of no plan", "POST", "/api/rollouts/preview", {}],
    ["a control reason that is not text", "POST", `/api/rollouts/${rolloutId}/pause`, { reason: 3 }],
    ["a control field nobody reads", "POST", `/api/rollouts/${rolloutId}/abort`, { stepback: true }],
    ["a reconcile field nobody reads", "POST", `/api/rollouts/${rolloutId}/reconcile`, { force: true }],
    ["an exclusion of no user", "POST", `/api/rollouts/${rolloutId}/exclusions`, { userId: "someone" }],
    ["a page size of 0", "GET", `/api/rollouts/${rolloutId}/users?limit=0`, undefined],
    ["a stage that does not exist", "GET", `/api/rollouts/${rolloutId}/users?stage=done`, undefined],
    ["preflight of nothing", "GET", "/api/preflight", undefined],
  ])("rejects a request the description forbids with 400: %s", async (_label, method, path, body) => {
    const exchange = await call(method, path, body);
    expect(exchange.requestProblems).not.toEqual([]);
    expect(exchange.status).toBe(400);
    expect(exchange.responseProblems).toEqual([]);
  });
});
