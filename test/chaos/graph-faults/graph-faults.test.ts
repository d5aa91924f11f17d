import {
  advanceUntil,
  exercised,
  expectNoViolations,
  fastPlan,
  finished,
  HOUR,
  startFaultRun,
  statusOf,
  type FaultRun,
} from "./fault-run";

jest.setTimeout(300_000);

/**
 * Whole rollouts of the seed plan (85 users, three waves; fastPlan) on the simulator while Graph misbehaves.
 * Each case ends with the invariant checker against Graph's truth: nobody lost, nobody enforced
 * unobserved, break-glass untouched, every move audited.
 */
const plan = fastPlan();
const rolloutId = String(plan.rolloutId);

let run: FaultRun | undefined;
afterEach(async () => {
  await run?.stack.stop();
  run = undefined;
});
afterAll(() => {
  console.log(`graph fault cases exercised: ${exercised.length} (${exercised.join(", ")})`);
});

async function start(options: Parameters<typeof startFaultRun>[0] = {}): Promise<FaultRun> {
  run = await startFaultRun(options);
  const started = await run.api("POST", "/api/rollouts", plan);
  expect(started.status).toBe(202);
  return run;
}

async function toTheEnd(r: FaultRun): Promise<void> {
  await advanceUntil(r, rolloutId, finished);
  const { status, statusReason } = await r.stack.store.rollouts.get(rolloutId);
  // Users held back under enforcement (or gone from the directory) wait for an admin, not a timer.
  expect({ status, statusReason }).toEqual({
    status: "completed",
    statusReason: expect.stringMatching(
      /^every wave is done(; \d+ held-back user\(s\) wait for an admin's retry-held-back)?$/,
    ),
  });
  await expectNoViolations(r, rolloutId);
  expect(r.stack.sim.counters().userDeletes).toBe(0);
}

async function counts(r: FaultRun) {
  return (await r.stack.store.rollouts.get(rolloutId)).counts;
}

/**
 * Until setup has created the groups and policies. The preflight (shared/app/preflight)
 * counts a check Graph answered 500 as a failed check and fails the rollout before it starts,
 * so the 5xx, timeout and $batch cases hit the rollout from its first wave on.
 */
async function afterSetup(r: FaultRun): Promise<void> {
  await advanceUntil(r, rolloutId, async () => (await r.stack.store.waves.find(rolloutId, 0)) !== undefined);
}

describe("Graph failing on the wire", () => {
  it("429 storm: every retry waits at least the advertised Retry-After, and nobody is lost", async () => {
    // The simulator's own limits are off, so every 429 is the storm's and carries Retry-After: 7.
    const r = await start({ throttling: false });
    r.stack.sim.setFaults({ default: { rate429: 0.2, retryAfterSeconds: 7 } });
    await toTheEnd(r);
    expect(await counts(r)).toMatchObject({ enforced: 85, heldBack: 0, reportOnly: 0 });
    const stormed = r.stack.sim.counters().faulted;
    expect(stormed).toBeGreaterThan(20);
    expect(r.graph.counts().throttled).toBe(stormed);
    expect(r.sleeps.length).toBeGreaterThan(0);
    expect(Math.min(...r.sleeps)).toBeGreaterThanOrEqual(7_000);
    exercised.push("429 storm");
  });

  it("5xx and 504 bursts: 503/504 are retried by the gateway, 500s by the activity retry; nobody lost", async () => {
    const r = await start();
    await afterSetup(r);
    r.stack.sim.setFaults({ default: { rate500: 0.05, rate503: 0.08, rate504: 0.08 } });
    await toTheEnd(r);
    expect(await counts(r)).toMatchObject({ enforced: 85, heldBack: 0, reportOnly: 0 });
    expect(r.stack.sim.counters().faulted).toBeGreaterThan(20);
    exercised.push("5xx/504 bursts");
  });

  it("timeouts: requests Graph sits on past the gateway's timeout are abandoned and retried", async () => {
    const r = await start({ requestTimeoutMs: 300 });
    await afterSetup(r);
    r.stack.sim.setFaults({ default: { rateDelay: 0.03, delayMs: 1_000 } });
    await toTheEnd(r);
    expect(await counts(r)).toMatchObject({ enforced: 85, heldBack: 0, reportOnly: 0 });
    const delayed = r.stack.sim.counters().delayed;
    expect(delayed).toBeGreaterThan(0);
    expect(r.graph.counts().retries).toBeGreaterThanOrEqual(delayed);
    exercised.push("timeouts");
  });

  it("partial $batch failures: throttled and failed items are retried on their own, the others not re-sent", async () => {
    const r = await start({ scenario: "invoicing-app" });
    const flaky = { rate429: 0.25, retryAfterSeconds: 3, rate503: 0.1, rate500: 0.05 };
    await afterSetup(r);
    r.stack.sim.setFaults({
      endpoints: { "groups.patch": flaky, "groups.members.remove": flaky },
    });
    await toTheEnd(r);
    // Everyone is enforced or held back for the broken app, never for a failed request.
    expect(await counts(r)).toMatchObject({ enforced: 85 - (await counts(r)).heldBack, reportOnly: 0 });
    const heldBack = await r.stack.store.users.list(rolloutId, { stage: "heldBack" });
    expect(heldBack.length).toBeGreaterThan(0);
    for (const user of heldBack) expect(user.reason).toMatch(/^Contoso Invoicing on iOS: /);
    const sim = r.stack.sim.counters();
    expect(sim.faulted).toBeGreaterThan(0);
    expect(r.graph.counts().batchItems).toBeGreaterThan(sim.byEndpoint.batch ?? 0);
    exercised.push("partial $batch failures");
  });
});

/** Runs until the pilot wave (15 users) is enforced and baking: the moment to meddle. */
async function untilPilotBaking(r: FaultRun): Promise<{ enforcedGroupId: string; pilot: string[] }> {
  await advanceUntil(
    r,
    rolloutId,
    async () => (await r.stack.store.waves.find(rolloutId, 0))?.phase === "bake",
  );
  const rollout = await r.stack.store.rollouts.get(rolloutId);
  const pilot = (await r.stack.store.users.list(rolloutId, { waveIndex: 0, stage: "enforced" })).map(
    (u) => u.userId,
  );
  expect(pilot).toHaveLength(15);
  return { enforcedGroupId: rollout.enforcedGroupId as string, pilot };
}

async function auditOf(r: FaultRun, action: string) {
  return (await r.stack.store.audit.list(rolloutId, { limit: 10_000 })).filter((a) => a.action === action);
}

async function pausedFor(r: FaultRun, pattern: RegExp): Promise<void> {
  expect(await advanceUntil(r, rolloutId, (s) => s === "paused", 24)).toBe("paused");
  const rollout = await r.stack.store.rollouts.get(rolloutId);
  expect(rollout.statusReason).toMatch(/^drift before the (health gate|enforcement): /);
  expect(rollout.statusReason).toMatch(pattern);
  const detected = await auditOf(r, "drift:detected");
  expect(detected.length).toBeGreaterThan(0);
  expect(JSON.stringify(detected[0]?.details)).toMatch(pattern);
  // It stays paused: nobody has acknowledged it yet.
  await r.stack.host.advanceBy(24 * 3_600_000);
  expect(await statusOf(r, rolloutId)).toBe("paused");
}

async function resume(r: FaultRun): Promise<void> {
  const answer = await r.api("POST", `/api/rollouts/${rolloutId}/resume`, { reason: "seen the change" });
  expect(answer.status).toBe(202);
}

describe("the tenant changing under the rollout", () => {
  it("a user deleted mid-rollout is recorded as held back with the reason; the rollout completes", async () => {
    const r = await start();
    const { pilot } = await untilPilotBaking(r);
    const victim = pilot[3] as string;
    r.stack.sim.tenant.applyKnob({ kind: "deleteUser", userId: victim });
    await toTheEnd(r);
    const row = await r.stack.store.users.get(rolloutId, victim);
    expect(row).toMatchObject({ stage: "heldBack", reason: "deleted from the directory" });
    expect(await counts(r)).toMatchObject({ enforced: 84, heldBack: 1, reportOnly: 0 });
    expect(JSON.stringify((await auditOf(r, "users:deleted"))[0]?.details)).toContain(victim);
    expect(await auditOf(r, "drift:detected")).toEqual([]);
    exercised.push("user deleted mid-rollout");
  });

  it("the enforced group edited out of band: pause with the reason; resume adopts removals and undoes early adds", async () => {
    const r = await start();
    const { enforcedGroupId, pilot } = await untilPilotBaking(r);
    const removed = pilot[0] as string;
    const early = (await r.stack.store.users.list(rolloutId, { waveIndex: 2 }))[0]?.userId as string;
    r.stack.sim.tenant.removeMember(enforcedGroupId, removed);
    r.stack.sim.tenant.addMembers(enforcedGroupId, [early]);
    await pausedFor(r, /removed from the enforced group outside the rollout.*added to the enforced group/);
    await resume(r);
    await toTheEnd(r);
    expect(await r.stack.store.users.get(rolloutId, removed)).toMatchObject({
      stage: "heldBack",
      reason: "removed from the enforced group outside the rollout",
    });
    // The early member left the group at resume and was enforced with wave 3, observed first.
    expect((await r.stack.store.users.get(rolloutId, early)).stage).toBe("enforced");
    expect(await counts(r)).toMatchObject({ enforced: 84, heldBack: 1 });
    const reconciled = await auditOf(r, "reconcile");
    expect(reconciled).toHaveLength(1);
    expect(reconciled[0]?.actor).not.toMatch(/^system:/);
    exercised.push("managed group edited out of band");
  });

  it("the enforced policy edited out of band: pause; never adopted while it includes break-glass; then adopted", async () => {
    const r = await start();
    await untilPilotBaking(r);
    const before = await r.stack.store.rollouts.get(rolloutId);
    const policyId = before.enforcedPolicyId as string;
    const users = r.stack.sim.tenant.getPolicy(policyId)?.conditions?.users ?? {};
    const breakGlass = plan.breakGlass as string[];
    r.stack.sim.tenant.patchPolicy(policyId, {
      grantControls: { operator: "AND", builtInControls: ["mfa", "compliantDevice"] },
      conditions: { users: { ...users, excludeUsers: breakGlass.slice(1) } },
    });
    await pausedFor(
      r,
      /the enforced policy .* was edited outside the rollout and no longer excludes every break-glass/,
    );
    // Resuming does not adopt an edit that exposes a break-glass account: it pauses again.
    await resume(r);
    await r.stack.host.advanceBy(HOUR);
    expect(await statusOf(r, rolloutId)).toBe("paused");
    const refused = (await auditOf(r, "reconcile"))[0]?.details as { policies: { status: string }[] };
    expect(refused.policies.map((p) => p.status)).toEqual(["unchanged", "refused"]);
    // The admin puts the exclusion back in the portal; the next resume adopts the stricter controls.
    r.stack.sim.tenant.patchPolicy(policyId, {
      conditions: { users: { ...users, excludeUsers: breakGlass } },
    });
    await resume(r);
    await toTheEnd(r);
    const after = await r.stack.store.rollouts.get(rolloutId);
    expect(after.enforcedPolicyFingerprint).not.toBe(before.enforcedPolicyFingerprint);
    expect(after.reportOnlyPolicyFingerprint).toBe(before.reportOnlyPolicyFingerprint);
    const policies = (await auditOf(r, "reconcile"))[1]?.details as { policies: { status: string }[] };
    expect(policies.policies.map((p) => p.status)).toEqual(["unchanged", "adopted"]);
    expect(r.stack.sim.tenant.getPolicy(policyId)?.grantControls?.builtInControls).toContain(
      "compliantDevice",
    );
    expect(await counts(r)).toMatchObject({ enforced: 85 });
    exercised.push("managed policy edited out of band");
  });

  it("a managed policy deleted: pause with the reason, no crash; resume recreates it", async () => {
    const r = await start();
    await untilPilotBaking(r);
    const before = await r.stack.store.rollouts.get(rolloutId);
    const deleted = before.reportOnlyPolicyId as string;
    r.stack.sim.tenant.deletePolicy(deleted);
    await pausedFor(r, /the report-only policy .* was deleted/);
    await resume(r);
    await toTheEnd(r);
    const after = await r.stack.store.rollouts.get(rolloutId);
    expect(after.reportOnlyPolicyId).not.toBe(deleted);
    expect(r.stack.sim.tenant.getPolicy(after.reportOnlyPolicyId as string)?.state).toBe(
      "enabledForReportingButNotEnforced",
    );
    expect(await counts(r)).toMatchObject({ enforced: 85 });
    exercised.push("managed policy deleted");
  });
});
