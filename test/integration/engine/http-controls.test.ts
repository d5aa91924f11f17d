import { httpApi, type Api } from "../../../local/rehearsal/api-client";
import type { RolloutStatus } from "../../../shared/store";
import { seedPlan, type EngineRun } from "./engine-fixture";

jest.setTimeout(240_000);

const HOUR = 3_600_000;
const READER = { name: "reader@contoso.test", roles: ["Rollout.Reader"], mfa: true };
const ADMIN_WITHOUT_MFA = { name: "admin-no-mfa@contoso.test", roles: ["Rollout.Admin"], mfa: false };
/** Thursday noon of the first week: the pilot (observed Mon–Thu, enforced Thu 08:00) is baking. */
const PILOT_BAKING = "2026-01-08T12:00:00Z";
const BREAK_GLASS = "6a1f0c2e-0000-4000-8000-0000000000b1";

/**
 * The host loads the app with require(), which registers functions only the first time in a
 * module registry: each describe gets its own engine (and its own virtual clock) from a fresh one.
 */
async function startFreshEngine(): Promise<EngineRun> {
  jest.resetModules();
  const fixture = await import("./engine-fixture");
  return fixture.startEngine("clean");
}

async function statusOf(run: EngineRun, rolloutId: string): Promise<RolloutStatus> {
  return (await run.stack.store.rollouts.get(rolloutId)).status;
}

/** Moves virtual time an hour at a time until the rollout reaches `wanted`; fails past `maxHours`. */
async function advanceUntilStatus(
  run: EngineRun,
  rolloutId: string,
  wanted: RolloutStatus,
  maxHours: number,
) {
  for (let hour = 0; hour < maxHours; hour++) {
    if ((await statusOf(run, rolloutId)) === wanted) return;
    await run.stack.host.advanceBy(HOUR);
  }
  expect(await statusOf(run, rolloutId)).toBe(wanted);
}

async function auditActions(run: EngineRun, rolloutId: string): Promise<string[]> {
  return (await run.stack.store.audit.list(rolloutId, { limit: 5000 })).map((a) => a.action);
}

describe("starting a rollout over HTTP", () => {
  let run: EngineRun;
  let reader: Api;

  beforeAll(async () => {
    run = await startFreshEngine();
    reader = httpApi(run.baseUrl, READER);
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("refuses a second start of the same rollout id with 409 and keeps the first running", async () => {
    const plan = seedPlan({ rolloutId: "dup-start" });
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    const second = await run.api("POST", "/api/rollouts", plan);
    expect(second.status).toBe(409);
    expect((await run.api("POST", "/api/rollouts", { ...plan, description: "another plan" })).status).toBe(
      409,
    );
    expect(await statusOf(run, "dup-start")).toBe("running");
    expect((await auditActions(run, "dup-start")).filter((a) => a === "rollout:start")).toHaveLength(1);
  });

  it("answers 403 to a reader and 401 to a caller without a principal, creating nothing", async () => {
    const plan = seedPlan({ rolloutId: "no-rights" });
    expect((await reader("POST", "/api/rollouts", plan)).status).toBe(403);
    const anonymous = await fetch(new URL("/api/rollouts", run.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(plan),
    });
    expect(anonymous.status).toBe(401);
    expect((await run.api("GET", "/api/rollouts/no-rights")).status).toBe(404);
  });

  const base = seedPlan();
  const waves = base.waves as Record<string, unknown>[];
  const wave = (index: number, change: Record<string, unknown>) =>
    waves.map((w, i) => (i === index ? { ...w, ...change } : w));
  const schedule = base.schedule as Record<string, unknown>;

  // An undefined field is dropped by JSON.stringify, so it reaches the API as missing.
  const invalid: [string, Record<string, unknown>, string][] = [
    ["missing breakGlass", { rolloutId: "bad-no-break-glass", breakGlass: undefined }, "$.breakGlass"],
    ["a malformed GUID", { rolloutId: "bad-guid", breakGlass: ["not-a-guid"] }, "$.breakGlass[0]"],
    [
      "an unknown time zone",
      { rolloutId: "bad-zone", schedule: { ...schedule, timeZone: "Europe/Atlantis" } },
      "$.schedule.timeZone",
    ],
    [
      "duplicate wave names",
      { rolloutId: "bad-dup-names", waves: wave(1, { name: "pilot" }) },
      "$.waves[1].name",
    ],
    [
      "a share above 1",
      { rolloutId: "bad-share", waves: wave(2, { select: { share: 1.5 } }) },
      "$.waves[2].select.share",
    ],
    [
      "observeFor banana",
      { rolloutId: "bad-observe", waves: wave(0, { observeFor: "banana" }) },
      "$.waves[0].observeFor",
    ],
    [
      "a window ending before it starts",
      {
        rolloutId: "bad-window",
        schedule: { ...schedule, changeWindows: [{ days: ["mon"], start: "16:00", end: "08:00" }] },
      },
      "$.schedule.changeWindows[0].end",
    ],
    [
      "a break-glass user inside a wave",
      { rolloutId: "bad-bg-in-wave", waves: wave(0, { select: { userIds: [BREAK_GLASS] } }) },
      "$.waves[0].select.userIds[0]",
    ],
    [
      "an unknown policy template",
      { rolloutId: "bad-template", policy: { template: "block-all" } },
      "$.policy.template",
    ],
    ["a rolloutId with capitals", { rolloutId: "Bad-Capitals" }, "$.rolloutId"],
    ["no waves", { rolloutId: "bad-empty-waves", waves: [] }, "$.waves"],
    ["an unknown field", { rolloutId: "bad-unknown-field", colour: "blue" }, "$.colour"],
  ];

  it.each(invalid)(
    "rejects a plan with %s with 400 and a JSON path to the problem",
    async (_label, change, path) => {
      const plan = { ...base, ...change };
      const response = await run.api("POST", "/api/rollouts", plan);
      expect(response.status).toBe(400);
      const body = response.json<{ error: string; errors: { path: string; message: string }[] }>();
      expect(body.error).toBe("invalid_plan");
      expect(body.errors.length).toBeGreaterThan(0);
      for (const problem of body.errors) {
        expect(problem.path).toMatch(/^\$/);
        expect(problem.message.length).toBeGreaterThan(0);
      }
      expect(body.errors.map((e) => e.path)).toContain(path);
      expect(
        (await run.api("GET", `/api/rollouts/${encodeURIComponent(String(plan.rolloutId))}`)).status,
      ).toBe(404);
    },
  );
});

describe("pausing and resuming mid-wave", () => {
  let run: EngineRun;
  const rolloutId = "pause-resume";
  const path = `/api/rollouts/${rolloutId}`;

  beforeAll(async () => {
    run = await startFreshEngine();
    expect((await run.api("POST", "/api/rollouts", seedPlan({ rolloutId }))).status).toBe(202);
    await run.stack.host.advanceUntil(() => false, PILOT_BAKING);
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("lets a reader not pause (403) and leaves the rollout running", async () => {
    expect(await statusOf(run, rolloutId)).toBe("running");
    expect((await run.stack.store.waves.get(rolloutId, 0)).phase).toBe("bake");
    expect((await httpApi(run.baseUrl, READER)("POST", `${path}/pause`, {})).status).toBe(403);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(run, rolloutId)).toBe("running");
  });

  it("pauses on an admin's request, and a second pause is a 409", async () => {
    const paused = await run.api("POST", `${path}/pause`, { reason: "helpdesk is busy" });
    expect(paused.status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(run, rolloutId)).toBe("paused");
    expect(await auditActions(run, rolloutId)).toContain("request:pause");
    expect((await run.api("POST", `${path}/pause`, {})).status).toBe(409);
  });

  it("refuses resume and approve from an admin without MFA (403) and stays paused", async () => {
    const noMfa = httpApi(run.baseUrl, ADMIN_WITHOUT_MFA);
    expect((await noMfa("POST", `${path}/resume`, {})).status).toBe(403);
    expect((await noMfa("POST", `${path}/approve`, {})).status).toBe(403);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(run, rolloutId)).toBe("paused");
    expect(await auditActions(run, rolloutId)).not.toContain("request:resume");
  });

  it("resumes on an admin's request with MFA", async () => {
    expect((await run.api("POST", `${path}/resume`, {})).status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(run, rolloutId)).toBe("running");
    expect((await run.api("POST", `${path}/resume`, {})).status).toBe(409);
  });
});

describe("a wave that requires approval", () => {
  let run: EngineRun;
  const rolloutId = "needs-approval";

  beforeAll(async () => {
    run = await startFreshEngine();
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("waits for an admin before wave core and goes on once approved", async () => {
    expect((await run.api("POST", "/api/rollouts", seedPlan({ rolloutId }))).status).toBe(202);
    await advanceUntilStatus(run, rolloutId, "waitingForApproval", 24 * 30);
    const waiting = await run.api("GET", `/api/rollouts/${rolloutId}`);
    expect(waiting.json<{ status: string }>().status).toBe("waitingForApproval");
    const core = await run.stack.store.waves.get(rolloutId, 1);
    expect(core.name).toBe("core");
    expect(core.enforced).toBe(0);

    // Still waiting a day later: nothing moves without the approval.
    await run.stack.host.advanceBy(24 * HOUR);
    expect(await statusOf(run, rolloutId)).toBe("waitingForApproval");

    expect(
      (await run.api("POST", `/api/rollouts/${rolloutId}/approve`, { reason: "CAB approved" })).status,
    ).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(run, rolloutId)).not.toBe("waitingForApproval");
    expect(await auditActions(run, rolloutId)).toContain("request:approve");
  });
});

describe("aborting a rollout", () => {
  let run: EngineRun;
  const rolloutId = "to-abort";

  beforeAll(async () => {
    run = await startFreshEngine();
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("ends the rollout aborted, as GET shows, and refuses to resume it", async () => {
    expect((await run.api("POST", "/api/rollouts", seedPlan({ rolloutId }))).status).toBe(202);
    await run.stack.host.advanceUntil(() => false, PILOT_BAKING);
    expect((await run.stack.store.waves.get(rolloutId, 0)).phase).toBe("bake");
    expect(
      (await run.api("POST", `/api/rollouts/${rolloutId}/abort`, { reason: "wrong population" })).status,
    ).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(run, rolloutId)).toBe("aborted");
    const shown = await run.api("GET", `/api/rollouts/${rolloutId}`);
    expect(shown.status).toBe(200);
    expect(shown.json<{ status: string }>().status).toBe("aborted");
    expect(await auditActions(run, rolloutId)).toContain("request:abort");
    expect((await run.api("POST", `/api/rollouts/${rolloutId}/resume`, {})).status).toBe(409);
  });
});

describe("change windows", () => {
  let run: EngineRun;
  const rolloutId = "weekend-wait";

  beforeAll(async () => {
    run = await startFreshEngine();
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("does not enforce over the weekend and enforces at Monday 08:00 London", async () => {
    const plan = seedPlan({ rolloutId });
    const waves = plan.waves as Record<string, unknown>[];
    // Started Monday 07:00Z, the pilot's observation ends Friday 2026-01-09 18:00Z, after the last window.
    plan.waves = waves.map((w, i) => (i === 0 ? { ...w, observeFor: "P4DT11H" } : w));
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    const pilot = () => run.stack.store.waves.get(rolloutId, 0);
    await run.stack.host.advanceUntil(() => false, "2026-01-09T19:00:00Z");
    expect(await statusOf(run, rolloutId)).toBe("waitingForWindow");
    const friday = await pilot();
    // Setup's Conditional Access calls are paced at one a second (Graph's per-tenant limit), so
    // the observation starts, and ends, a few seconds after the start.
    const observeEnds = Date.parse(friday.observeEndsAt ?? "");
    expect(observeEnds).toBeGreaterThanOrEqual(Date.parse("2026-01-09T18:00:00Z"));
    expect(observeEnds).toBeLessThan(Date.parse("2026-01-09T18:01:00Z"));
    expect(friday.enforced).toBe(0);
    // Hourly through Saturday and Sunday up to Monday 07:00Z, an hour before the window opens.
    while (run.stack.clock.now() < new Date("2026-01-12T07:00:00Z")) {
      await run.stack.host.advanceBy(HOUR);
      const rollout = await run.stack.store.rollouts.get(rolloutId);
      expect(rollout.status).toBe("waitingForWindow");
      expect(rollout.counts.enforced).toBe(0);
    }
    await run.stack.host.advanceBy(2 * HOUR);
    const monday = await pilot();
    expect(monday.enforced).toBe(15);
    const bakeStarted = new Date(monday.bakeStartedAt ?? "").getTime();
    expect(bakeStarted).toBeGreaterThanOrEqual(Date.parse("2026-01-12T08:00:00Z"));
    expect(bakeStarted).toBeLessThanOrEqual(Date.parse("2026-01-12T08:16:00Z"));
  });
});
