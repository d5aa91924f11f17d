import { checkStackInvariants } from "../../../local/rehearsal/invariants";
import type { PlanPreview } from "../../../shared/app/preview";
import { groupMembers, seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(240_000);

const SERVICE_ACCOUNTS = [
  "svc-invoice-sync@contoso.com",
  "svc-reporting@contoso.com",
  "svc-scan-to-mail@contoso.com",
];
const REASON = "service account — move to a workload identity or a dedicated policy";
/** The tests share one stack and population, so their rollouts may overlap. */
function ownPlan(fields: Record<string, unknown>): Record<string, unknown> {
  return seedPlan({ preflight: { allowOverlap: true }, ...fields });
}

/** Three password-only service accounts in "All staff" and in no wave of the seed plan. */
describe("service accounts in the population (scenario service-accounts)", () => {
  let run: EngineRun;
  const byUpn = new Map<string, string>();
  let preview: PlanPreview;

  const setUp = (rolloutId: string) => async () =>
    (await run.stack.store.audit.list(rolloutId, { limit: 5000 })).some((a) => a.action === "setup");
  const rowsOf = async (rolloutId: string) =>
    Promise.all([...byUpn.values()].map((id) => run.stack.store.users.get(rolloutId, id)));

  beforeAll(async () => {
    run = await startEngine("service-accounts");
    // Previewing a posted plan is an admin's (its answer holds directory facts of anyone named).
    const answer = await run.api("POST", "/api/rollouts/preview", ownPlan({ rolloutId: "svc-what-if" }));
    expect(answer.status).toBe(200);
    preview = answer.json<PlanPreview>();
    for (const account of preview.outsideWaves.serviceAccounts.accounts) {
      byUpn.set(account.userPrincipalName ?? "", account.userId);
    }
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("preview names exactly the three, with their evidence and the plan's handling", async () => {
    const accounts = preview.outsideWaves.serviceAccounts.accounts;
    expect(accounts.map((a) => a.userPrincipalName).sort()).toEqual(SERVICE_ACCOUNTS);
    for (const account of accounts) {
      expect(account.evidence).toMatch(
        /^\d+ of \d+ sign-in attempts password-only .*never an MFA-capable client; at all hours .*no MFA method registered/,
      );
    }
    expect(preview.outsideWaves.serviceAccounts.action).toBe("hold");
    expect(preview.outsideWaves.remainder).toEqual({ rule: null, users: 0, refused: false });
  });

  it("preflight warns with each service account's evidence, and fails a plan that would leave them behind", async () => {
    type Answer = { ok: boolean; checks: { name: string; status: string; message: string }[] };
    const check = (answer: Answer, name: string) => answer.checks.find((c) => c.name === name);
    const held = (await run.api("POST", "/api/preflight", ownPlan({ rolloutId: "svc-pf" }))).json<Answer>();
    expect(check(held, "population-coverage")?.status).toBe("ok");
    const services = check(held, "service-accounts");
    expect(services?.status).toBe("warn");
    expect(services?.message).toMatch(/^3 service account\(s\), serviceAccounts "hold": /);
    for (const upn of SERVICE_ACCOUNTS)
      expect(services?.message).toMatch(new RegExp(`${upn} \\(\\d+ of \\d+ sign-in attempts password-only`));
    const included = (
      await run.api("POST", "/api/preflight", ownPlan({ rolloutId: "svc-pf", serviceAccounts: "include" }))
    ).json<Answer>();
    expect(included.ok).toBe(false);
    expect(check(included, "population-coverage")).toMatchObject({
      status: "fail",
      message: expect.stringMatching(/^3 population user\(s\) are in no wave: svc-/),
    });
  });

  it("serviceAccounts include with no remainder rule: refused, naming them", async () => {
    const answer = await run.api(
      "POST",
      "/api/rollouts",
      ownPlan({ rolloutId: "svc-include", serviceAccounts: "include" }),
    );
    expect(answer.status).toBe(400);
    const body = answer.json<{ error: string; count: number; users: { userPrincipalName?: string }[] }>();
    expect(body.error).toBe("uncovered_population");
    expect(body.count).toBe(3);
    expect(body.users.map((u) => u.userPrincipalName).sort()).toEqual(SERVICE_ACCOUNTS);
  });

  it("default (hold): held back with the reason and their sign-in name, with no retry date", async () => {
    const rolloutId = "svc-hold";
    expect((await run.api("POST", "/api/rollouts", ownPlan({ rolloutId }))).status).toBe(202);
    expect(await run.stack.host.advanceUntil(setUp(rolloutId), "2026-01-06T00:00:00Z")).toBe(true);
    for (const row of await rowsOf(rolloutId)) {
      expect(row).toMatchObject({ stage: "heldBack", reason: REASON, waveIndex: -1 });
      expect(row.retryAt).toBeUndefined();
      expect(SERVICE_ACCOUNTS).toContain(row.upn);
    }
    expect(await checkStackInvariants(run.stack, rolloutId)).toEqual([]);
  });

  it("exclude: audited, time-boxed exclusions in the excluded group", async () => {
    const rolloutId = "svc-exclude";
    expect(
      (await run.api("POST", "/api/rollouts", ownPlan({ rolloutId, serviceAccounts: "exclude" }))).status,
    ).toBe(202);
    expect(await run.stack.host.advanceUntil(setUp(rolloutId), "2026-01-07T00:00:00Z")).toBe(true);
    const ids = new Set(byUpn.values());
    for (const row of await rowsOf(rolloutId)) {
      expect(row).toMatchObject({ stage: "excluded", reason: REASON });
      expect(row.exclusionExpiresAt).toBeDefined();
    }
    const rollout = await run.stack.store.rollouts.get(rolloutId);
    expect(groupMembers(run, rollout.excludedGroupId as string)).toEqual(ids);
    const audited = (await run.stack.store.audit.list(rolloutId, { limit: 5000 })).filter(
      (a) => a.action === "exclusion:add",
    );
    expect(audited.map((a) => (a.details as { reason: string }).reason)).toEqual([REASON, REASON, REASON]);
    expect(await checkStackInvariants(run.stack, rolloutId)).toEqual([]);
  });
});
