import { TableServiceClient } from "@azure/data-tables";
import { httpApi } from "../../../local/rehearsal/api-client";
import type { PlanPreview } from "../../../shared/app/preview";
import { seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(120_000);

const POPULATION_GROUP = "a11c0000-5a1f-4c0d-9e00-000000000001";
const READER = { name: "reader@contoso.test", roles: ["Rollout.Reader"], mfa: false };

/** Everything a preview could have written to: tables, every row of them, and Graph. */
async function footprint(run: EngineRun) {
  const service = TableServiceClient.fromConnectionString(run.stack.azuriteConnectionString, {
    allowInsecureConnection: true,
  });
  const tables: string[] = [];
  for await (const table of service.listTables()) tables.push(table.name ?? "");
  const { store } = run.stack;
  const rows: Record<string, unknown> = {};
  for (const rollout of await store.rollouts.list({ limit: 100 })) {
    rows[rollout.id] = {
      rollout: { ...rollout, etag: undefined },
      waves: await store.waves.list(rollout.id),
      users: await store.users.list(rollout.id, {}, 5000),
      gates: await store.gates.list(rollout.id, { limit: 5000 }),
      audit: await store.audit.list(rollout.id, { limit: 5000 }),
    };
  }
  const counters = run.stack.sim.counters();
  return { tables: tables.sort(), rows, writes: counters.writes, userDeletes: counters.userDeletes };
}

describe("POST /api/rollouts/preview on a tenant where some users have no MFA method", () => {
  let run: EngineRun;

  beforeAll(async () => {
    run = await startEngine("unregistered");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("answers readiness per wave, naming exactly the unregistered users, and creates nothing", async () => {
    const plan = seedPlan({ rolloutId: "what-if" });
    const before = await footprint(run);

    // A plan can name anyone: its directory facts are for admins, not readers.
    expect((await httpApi(run.baseUrl, READER)("POST", "/api/rollouts/preview", plan)).status).toBe(403);
    const answer = await run.api("POST", "/api/rollouts/preview", plan);
    expect(answer.status).toBe(200);
    const preview = answer.json<PlanPreview>();
    expect(preview.rolloutId).toBe("what-if");
    expect(preview.evidencePolicyId).toBeNull();
    expect(preview.waves.map((w) => [w.name, w.users])).toEqual([
      ["pilot", 15],
      ["core", 40],
      ["extended", 30],
    ]);
    expect(preview.populationSize).toBe(85);

    // The simulator's registration state is the truth the preview must match.
    const { tenant } = run.stack.sim;
    const population = new Set(tenant.listMemberIds(POPULATION_GROUP));
    const unregistered = tenant
      .registrationDetails()
      .filter((d) => population.has(d.id ?? "") && d.isMfaRegistered !== true)
      .map((d) => d.id);
    expect(unregistered.length).toBeGreaterThan(0);
    const held = preview.waves.flatMap((w) => w.wouldHoldBack);
    expect(held.map((h) => h.userId).sort()).toEqual([...unregistered].sort());
    for (const h of held) expect(h.reason).toMatch(/regist/i);
    for (const wave of preview.waves) {
      // Before a start there is no report-only policy, so no sign-in can name it: registration
      // still names whom to hold back, but who would be prompted is unknown, never a pass.
      expect(wave.verdict).toBe("Inconclusive");
      expect(wave.reasons[0]).toMatch(/names the report-only policy|no sign-ins of the wave/);
      expect(wave.metrics.users).toBe(wave.users);
      expect(wave.metrics.holdBackCandidates).toBe(wave.wouldHoldBack.length);
    }

    expect(await footprint(run)).toEqual(before);
    expect(await run.stack.store.rollouts.find("what-if")).toBeUndefined();
    expect((await run.api("GET", "/api/rollouts/what-if")).status).toBe(404);
  });

  it("refuses an invalid plan with 400 and its problems, and a caller without a principal with 401", async () => {
    const invalid = await run.api(
      "POST",
      "/api/rollouts/preview",
      seedPlan({ rolloutId: "Bad Id", waves: [] }),
    );
    expect(invalid.status).toBe(400);
    const body = invalid.json<{ error: string; errors: { path: string }[] }>();
    expect(body.error).toBe("invalid_plan");
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["$.rolloutId", "$.waves"]));

    const anonymous = await fetch(new URL("/api/rollouts/preview", run.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(seedPlan()),
    });
    expect(anonymous.status).toBe(401);
  });

  it("previews a running rollout from its report-only evidence without touching it", async () => {
    const plan = seedPlan({ rolloutId: "running" });
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    await run.stack.host.advanceBy(2 * 24 * 3_600_000);
    const rollout = await run.stack.store.rollouts.get("running");
    expect(rollout.reportOnlyPolicyId).toBeDefined();
    const before = await footprint(run);

    const answer = await run.api("POST", "/api/rollouts/preview", plan);
    expect(answer.status).toBe(200);
    const preview = answer.json<PlanPreview>();
    expect(preview.evidencePolicyId).toBe(rollout.reportOnlyPolicyId);
    // Two days under report-only: the preview counts what that policy saw.
    const observed = preview.waves.reduce(
      (sum, w) =>
        sum + w.metrics.reportOnly.success + w.metrics.reportOnly.failure + w.metrics.reportOnly.interrupted,
      0,
    );
    expect(observed).toBeGreaterThan(0);
    expect(preview.waves.every((w) => w.metrics.usersWithSignIns > 0)).toBe(true);

    expect(await footprint(run)).toEqual(before);
  });
});
