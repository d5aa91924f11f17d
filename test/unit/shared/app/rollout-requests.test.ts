import { acceptControlRequest } from "../../../../shared/app/control-requests";
import { PREFLIGHT_AUDIT_KEY } from "../../../../shared/app/preflight";
import { preflightRollout } from "../../../../shared/app/preflight-rollout";
import { previewForRollout } from "../../../../shared/app/preview";
import { reconcileOnRequest } from "../../../../shared/app/reconcile-requests";
import { setupRollout } from "../../../../shared/app/setup-rollout";
import { registerRollout } from "../../../../shared/app/start-rollout";
import { validatePlan, type Plan } from "../../../../shared/domain";
import { ConflictError, InvalidInputError } from "../../../../shared/errors";
import { SEED_IDS, samplePlanInput } from "../../../fixtures/sample-plan";
import { fakePorts, seedRollout, userIds, type FakePorts } from "./fake-ports";

const CALLER = {
  actor: "admin@contoso.example",
  actorId: "0d000000-0000-4000-8000-000000000001",
  actorName: "Admin",
};
const REGISTERED = {
  isMfaRegistered: true,
  isMfaCapable: true,
  methodsRegistered: ["microsoftAuthenticatorPush"],
};

/** A tenant where the sample plan's groups hold ten registered users: two pilots, two planners. */
function tenantFor(ports: FakePorts): string[] {
  const everyone = userIds(10);
  ports.tenant.groups.set(SEED_IDS.allStaffGroup, new Set(everyone));
  ports.tenant.groups.set(SEED_IDS.itPilotGroup, new Set(everyone.slice(0, 2)));
  ports.tenant.groups.set(SEED_IDS.plannersGroup, new Set(everyone.slice(2, 4)));
  for (const id of everyone) {
    ports.tenant.users.set(id, `${id}@contoso.example`);
    ports.tenant.registration.set(id, REGISTERED);
  }
  return everyone;
}

function plan(input: Record<string, unknown>): Plan {
  const validation = validatePlan(input);
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.plan;
}

describe("registerRollout", () => {
  it("records the rollout and its start once; the same plan again is a repeat, another plan a conflict", async () => {
    const ports = fakePorts();
    tenantFor(ports);
    const body = { ...samplePlanInput(), rolloutId: "start-1" };
    const input = { plan: plan(body), body, caller: CALLER, orchestrationVersion: "7" };
    await registerRollout(ports, input);
    await registerRollout(ports, input);
    expect(await ports.store.rollouts.get("start-1")).toMatchObject({
      status: "running",
      createdBy: CALLER.actor,
      orchestrationVersion: "7",
    });
    expect(ports.tables.audit.filter((e) => e.action === "rollout:start")).toHaveLength(1);

    const other = { ...body, description: "another plan" };
    await expect(registerRollout(ports, { ...input, plan: plan(other), body: other })).rejects.toMatchObject({
      constructor: ConflictError,
      code: "rollout_exists",
    });
  });

  it("refuses a plan that leaves population users in no wave, naming them", async () => {
    const ports = fakePorts();
    const everyone = tenantFor(ports);
    const body = samplePlanInput();
    body.rolloutId = "start-2";
    // Without the last wave's "everyone left", six users are in no wave.
    body.waves = (body.waves as unknown[]).slice(0, 2);
    const refusal = registerRollout(ports, {
      plan: plan(body),
      body,
      caller: CALLER,
      orchestrationVersion: "7",
    });
    await expect(refusal).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refusal).rejects.toMatchObject({ code: "uncovered_population", details: { count: 6 } });
    expect(ports.tables.rollouts.size).toBe(0);
    expect(everyone).toHaveLength(10);
  });

  it("refuses users another live rollout covers, unless the plan allows the overlap", async () => {
    const ports = fakePorts();
    tenantFor(ports);
    seedRollout(ports, { ...samplePlanInput(), rolloutId: "earlier" });
    const body = { ...samplePlanInput(), rolloutId: "start-3" };
    await expect(
      registerRollout(ports, { plan: plan(body), body, caller: CALLER, orchestrationVersion: "7" }),
    ).rejects.toMatchObject({
      constructor: ConflictError,
      code: "population_overlap",
      details: { overlap: { users: 10 } },
    });
    const allowed = { ...body, preflight: { allowOverlap: true } };
    await registerRollout(ports, {
      plan: plan(allowed),
      body: allowed,
      caller: CALLER,
      orchestrationVersion: "7",
    });
    expect(ports.tables.rollouts.has("start-3")).toBe(true);
  });
});

describe("setupRollout", () => {
  it("makes the groups and policies, places every population user in a wave under report-only, and can run again", async () => {
    const ports = fakePorts();
    tenantFor(ports);
    seedRollout(
      ports,
      { ...samplePlanInput(), rolloutId: "setup-1" },
      {
        enforcedGroupId: undefined,
        excludedGroupId: undefined,
        reportOnlyPolicyId: undefined,
        enforcedPolicyId: undefined,
        reportOnlySince: undefined,
      },
    );
    const input = { rolloutId: "setup-1", at: "2026-03-02T09:00:00.000Z", actor: "system:engine" };
    const result = await setupRollout(ports, input);
    expect(result).toEqual({ waveCount: 3, populationSize: 10, reportOnlySince: input.at });
    const record = await ports.store.rollouts.get("setup-1");
    expect(record).toMatchObject({
      enforcedGroupId: expect.any(String),
      reportOnlyPolicyId: expect.any(String),
      counts: expect.objectContaining({ reportOnly: 10 }),
    });
    expect((await ports.store.waves.list("setup-1")).map((w) => [w.name, w.planned])).toEqual([
      ["pilot", 2],
      ["core", 2],
      ["extended", 6],
    ]);

    const again = await setupRollout(ports, { ...input, at: "2026-03-03T09:00:00.000Z" });
    expect(again.reportOnlySince).toBe(input.at);
    expect((await ports.store.rollouts.get("setup-1")).enforcedGroupId).toBe(record.enforcedGroupId);
    expect(ports.tables.audit.filter((e) => e.action === "setup")).toHaveLength(1);
  });
});

describe("acceptControlRequest", () => {
  it("audits a request the status allows and refuses one it does not, writing nothing", async () => {
    const ports = fakePorts();
    seedRollout(ports, { ...samplePlanInput(), rolloutId: "control-1" }, { status: "paused" });
    const accepted = await acceptControlRequest(ports.store, "control-1", CALLER, { action: "resume" });
    expect(accepted.record.status).toBe("paused");
    expect(ports.tables.audit).toEqual([
      expect.objectContaining({ action: "request:resume", details: { requestId: accepted.requestId } }),
    ]);
    await ports.store.rollouts.update("control-1", () => ({ status: "aborted" }));
    await expect(
      acceptControlRequest(ports.store, "control-1", CALLER, { action: "resume" }),
    ).rejects.toMatchObject({
      constructor: ConflictError,
      code: "invalid_state",
    });
    expect(ports.tables.audit).toHaveLength(1);
  });
});

describe("reconcileOnRequest", () => {
  it("refuses while the rollout runs or before its setup, reading nothing from Graph", async () => {
    const ports = fakePorts();
    seedRollout(ports, { ...samplePlanInput(), rolloutId: "rec-1" }, { status: "running" });
    await expect(reconcileOnRequest(ports, { rolloutId: "rec-1", by: CALLER })).rejects.toThrow(
      "cannot reconcile rollout rec-1 while it is running: pause it first",
    );
    seedRollout(
      ports,
      { ...samplePlanInput(), rolloutId: "rec-2" },
      { status: "paused", excludedGroupId: undefined },
    );
    await expect(reconcileOnRequest(ports, { rolloutId: "rec-2", by: CALLER })).rejects.toThrow(
      "rollout rec-2 has not finished its setup",
    );
    expect(ports.tenant.calls).toEqual([]);
  });
});

describe("previewForRollout", () => {
  it("takes evidence from the rollout's own report-only policy once it exists, else from the copied one", async () => {
    const ports = fakePorts();
    tenantFor(ports);
    const copied = "c0000000-0000-4000-8000-000000000001";
    const body = { ...samplePlanInput(), rolloutId: "preview-1", policy: { copyFrom: copied } };
    expect((await previewForRollout(ports, plan(body))).evidencePolicyId).toBe(copied);
    const record = seedRollout(ports, body);
    expect((await previewForRollout(ports, plan(body))).evidencePolicyId).toBe(record.reportOnlyPolicyId);
    expect(ports.tables.audit).toEqual([]);
  });
});

describe("preflightRollout", () => {
  it("refuses a rollout whose break-glass accounts are gone, and keeps every check in one audit row", async () => {
    const ports = fakePorts();
    tenantFor(ports);
    seedRollout(ports, { ...samplePlanInput(), rolloutId: "pre-1" });
    const result = await preflightRollout(ports, { rolloutId: "pre-1" });
    expect(result.ok).toBe(false);
    expect(result.problems.join("\n")).toContain(SEED_IDS.breakGlass1);
    await preflightRollout(ports, { rolloutId: "pre-1" });
    const rows = ports.tables.audit.filter((e) => e.action === "preflight");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey: PREFLIGHT_AUDIT_KEY,
      details: { ok: false, problems: result.problems },
    });
  });
});
