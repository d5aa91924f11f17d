import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import { validatePlan, type Plan } from "../../../shared/domain";
import { samplePlanInput, SEED_IDS } from "../../fixtures/sample-plan";
import { createGraphGateway, REQUIRED_GRAPH_PERMISSIONS, type GraphGateway } from "../../../shared/graph";
import type { PreflightResult } from "../../../shared/preflight";
import { runPreflight } from "../../../shared/app/preflight";

const ENFORCED_ID = "a11c0000-5a1f-4c0d-9e00-0000000000e1";
const EXCLUDED_ID = "a11c0000-5a1f-4c0d-9e00-0000000000e2";
const AU_ID = "a0000000-0000-4000-8000-0000000000a1";

function plan(overrides: Record<string, unknown> = {}): Plan {
  const result = validatePlan({ ...samplePlanInput(), rolloutId: "pf1", ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

/** The clean tenant, with the rollout's groups made beforehand the way a cautious admin would. */
function tenant(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "preflight",
    extends: "clean",
    groups: [
      {
        id: ENFORCED_ID,
        displayName: "CA rollout pf1 – enforced",
        mailNickname: "r1-enf",
        isAssignableToRole: true,
      },
      { id: EXCLUDED_ID, displayName: "CA rollout pf1 – excluded", mailNickname: "r1-exc" },
    ],
    administrativeUnits: [
      {
        id: AU_ID,
        displayName: "CA rollout groups",
        isMemberManagementRestricted: true,
        appIsScopedGroupsAdministrator: true,
        members: [EXCLUDED_ID],
      },
    ],
    ...extra,
  };
}

async function preflightOf(scenario: string | Record<string, unknown>, target = plan()) {
  const clock = new ManualClock("2026-01-05T08:00:00Z");
  const sim: GraphSimulator = await startGraphSimulator({ scenario, clock });
  try {
    const graph: GraphGateway = createGraphGateway(
      { baseUrl: sim.baseUrl, staticToken: "local-simulator-token" },
      { sleep: async (ms) => clock.advanceBy(ms), now: () => clock.now(), random: () => 0.5 },
    );
    const before = JSON.stringify(sim.tenant.state());
    const result = await runPreflight(graph, { plan: target });
    return { result, counters: sim.counters(), unchanged: JSON.stringify(sim.tenant.state()) === before };
  } finally {
    await sim.stop();
  }
}

const statusOf = (result: PreflightResult, name: string) => result.checks.find((c) => c.name === name);

describe("preflight against the Graph simulator", () => {
  it("refuses protected groups the app could not change: enforcement would fail half-way", async () => {
    const { result } = await preflightOf(
      tenant({
        grantedPermissions: [...REQUIRED_GRAPH_PERMISSIONS, "RoleManagement.ReadWrite.Directory"],
        administrativeUnits: [
          {
            id: AU_ID,
            displayName: "CA rollout groups",
            isMemberManagementRestricted: true,
            members: [EXCLUDED_ID],
          },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    expect(statusOf(result, "managed-groups-protected:CA rollout pf1 – enforced")?.status).toBe("ok");
    expect(statusOf(result, "managed-groups-protected:CA rollout pf1 – excluded")).toMatchObject({
      status: "fail",
      message: expect.stringMatching(/Groups Administrator role assigned to the app at that unit's scope/),
    });
  });

  it("passes a tenant with protected groups, two enabled break-glass accounts, E5 and every permission", async () => {
    const { result, counters, unchanged } = await preflightOf(tenant());
    expect(result.checks.filter((c) => c.status !== "ok")).toEqual([]);
    expect(result.ok).toBe(true);
    expect(statusOf(result, "managed-groups-protected:CA rollout pf1 – enforced")?.message).toMatch(
      /role-assignable/,
    );
    expect(statusOf(result, "managed-groups-protected:CA rollout pf1 – excluded")?.message).toMatch(
      /restricted-management administrative unit/,
    );
    expect(result.checks.filter((c) => c.name.startsWith("graph-permission:"))).toHaveLength(
      REQUIRED_GRAPH_PERMISSIONS.length,
    );
    // The write-shaped probes (invalid group, nil ids) reached Graph and changed nothing.
    expect(counters.byEndpoint["groups.create"]).toBe(1);
    // (Conditional Access allows one call a second: the PATCH may have been retried after a 429.)
    expect(counters.byEndpoint["policies.patch"]).toBeGreaterThan(0);
    expect(unchanged).toBe(true);
  });

  it("warns that setup would create ordinary groups, and refuses when the plan requires protected ones", async () => {
    const warned = await preflightOf("clean");
    expect(warned.result.ok).toBe(true);
    expect(statusOf(warned.result, "managed-groups-protected:CA rollout pf1 – enforced")).toMatchObject({
      status: "warn",
      message: expect.stringMatching(
        /does not exist yet; setup will create it as an ordinary security group/,
      ),
    });
    const refused = await preflightOf("clean", plan({ preflight: { requireProtectedGroups: true } }));
    expect(refused.result.ok).toBe(false);
    expect(statusOf(refused.result, "managed-groups-protected:CA rollout pf1 – excluded")?.status).toBe(
      "fail",
    );
  });

  it("names a disabled break-glass account, a missing licence and each missing permission", async () => {
    const granted = REQUIRED_GRAPH_PERMISSIONS.filter(
      (p) => p !== "Policy.ReadWrite.ConditionalAccess" && p !== "AdministrativeUnit.Read.All",
    );
    const { result } = await preflightOf(
      tenant({
        grantedPermissions: granted,
        userOverrides: [{ upn: "breakglass2@contoso.com", accountEnabled: false }],
        subscribedSkus: [
          {
            skuId: "3b555118-da6a-4418-894f-7df1e2096870",
            skuPartNumber: "O365_BUSINESS_ESSENTIALS",
            servicePlans: [
              {
                servicePlanId: "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
                servicePlanName: "EXCHANGE_S_STANDARD",
              },
            ],
          },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    const failed = Object.fromEntries(
      result.checks.filter((c) => c.status !== "ok").map((c) => [c.name, `${c.status}: ${c.message}`]),
    );
    expect(failed).toEqual({
      [`break-glass-accounts:${SEED_IDS.breakGlass2}`]: expect.stringMatching(
        /^fail: breakglass2@contoso.com is disabled/,
      ),
      "entra-id-p1-licence": expect.stringMatching(/^fail: no active Microsoft Entra ID P1 or P2 licence/),
      "graph-permission:Policy.ReadWrite.ConditionalAccess": expect.stringMatching(
        /^fail: permission Policy\.ReadWrite\.ConditionalAccess missing: PATCH \/identity\/conditionalAccess\/policies\/\{nil\} answered 403 Authorization_RequestDenied/,
      ),
      "graph-permission:AdministrativeUnit.Read.All": expect.stringMatching(
        /^fail: permission AdministrativeUnit\.Read\.All missing/,
      ),
      // A role-assignable group's members change only with RoleManagement.ReadWrite.Directory too.
      "managed-groups-protected:CA rollout pf1 – enforced": expect.stringMatching(
        /^fail: the app may not change the members of CA rollout pf1 – enforced \(403\): a role-assignable group also needs RoleManagement\.ReadWrite\.Directory/,
      ),
      // Without the permission, Graph lists the unit but not whether it restricts management.
      "managed-groups-protected:CA rollout pf1 – excluded": expect.stringMatching(
        /^warn: .*1 administrative unit\(s\) could not be read/,
      ),
    });
  });
});
