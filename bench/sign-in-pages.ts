/**
 * Pre-renders pages of sign-ins exactly as the Graph simulator serves the gateway's request: SignIn
 * objects from its own generator (Conditional Access evaluated against the rollout's two
 * policies), cut to the properties the gateway selects (SIGN_IN_FIELDS), wrapped in the collection
 * envelope its sign-ins route builds and serialised with JSON.stringify, as its HTTP server does. Rendering is slow (tens of thousands of sign-ins a second), so benchmarks render a
 * pool of distinct pages once and cycle it.
 */
import type { SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../local/clock";
import { applySelect } from "../local/graph-sim/server/collection";
import { createSimTenant } from "../local/graph-sim/tenant/create-tenant";
import { enforcedPolicy, reportOnlyPolicy } from "../shared/graph";
import { SIGN_IN_FIELDS } from "../shared/graph/sign-ins";
import { POOL_SERVICE_ROOT } from "./page-pool-transport";

const DAY_MS = 86_400_000;

export interface SignInPagePool {
  /** Page JSON texts, each with an `@odata.nextLink` (the reader decides where the log ends). */
  pages: string[];
  pageSize: number;
  signIns: number;
  /** Distinct users in the pool, and every user id of the tenant's population. */
  distinctUsers: number;
  populationIds: string[];
  reportOnlyPolicyId: string;
  renderMs: number;
}

export interface RenderOptions {
  tenantUsers: number;
  pages: number;
  /** Keep one sign-in in `stride`, so a small pool still spans many users. */
  stride: number;
  seed?: number;
}

/**
 * A `large` tenant with the rollout's groups and policies in place (a tenth of the users already
 * enforced), then one working day of its sign-in log, newest first, rendered page by page.
 */
export function renderSignInPagePool(options: RenderOptions): SignInPagePool {
  const started = Date.now();
  const clock = new ManualClock("2026-01-05T00:00:00Z");
  const tenant = createSimTenant({
    scenario: "large",
    seed: options.seed ?? 1,
    clock,
    size: options.tenantUsers,
  });
  const users = tenant.listUsers();
  const breakGlass = users.filter((u) => /breakglass|emergency/i.test(u.userPrincipalName ?? ""));
  const population = users
    .filter((u) => !breakGlass.includes(u))
    .map((u) => u.id)
    .filter((id): id is string => typeof id === "string");
  const enforced = tenant.createGroup(groupInput("CA rollout bench – enforced"));
  const excluded = tenant.createGroup(groupInput("CA rollout bench – excluded"));
  const common = {
    enforcedGroupId: enforced.id as string,
    excludedGroupId: excluded.id as string,
    breakGlassUserIds: breakGlass.map((u) => u.id as string),
  };
  const reportOnly = tenant.createPolicy(
    reportOnlyPolicy({
      ...common,
      displayName: "bench (report-only)",
      population: { includeUsers: ["All"] },
    }),
  );
  tenant.createPolicy(enforcedPolicy({ ...common, displayName: "bench (enforced)" }));
  tenant.addMembers(
    enforced.id as string,
    population.filter((_, i) => i % 10 === 0),
  );
  // Tuesday 6 January: a full working day after the policies exist.
  clock.advanceBy(2 * DAY_MS);
  const from = new Date(clock.now().getTime() - DAY_MS);
  const pageSize = 1000;
  const pages: string[] = [];
  const seen = new Set<string>();
  let page: SignIn[] = [];
  let i = 0;
  for (const signIn of tenant.signIns({ from, to: clock.now() })) {
    if (i++ % options.stride !== 0) continue;
    page.push(signIn);
    if (signIn.userId) seen.add(signIn.userId);
    if (page.length === pageSize) {
      pages.push(renderPage(page, pages.length));
      page = [];
      if (pages.length === options.pages) break;
    }
  }
  if (pages.length < options.pages) {
    throw new Error(`the sign-in log held only ${pages.length} pages of ${pageSize}, not ${options.pages}`);
  }
  return {
    pages,
    pageSize,
    signIns: pages.length * pageSize,
    distinctUsers: seen.size,
    populationIds: population,
    reportOnlyPolicyId: reportOnly.id as string,
    renderMs: Date.now() - started,
  };
}

function groupInput(displayName: string) {
  return {
    displayName,
    description: "CA rollout bench",
    mailEnabled: false,
    securityEnabled: true,
    mailNickname: displayName.replace(/[^a-z]/gi, "").toLowerCase(),
  };
}

/** The body of the simulator's `collection()` for auditLogs/signIns, as its server serialises it. */
function renderPage(value: SignIn[], index: number): string {
  return JSON.stringify({
    "@odata.context": `${POOL_SERVICE_ROOT}/$metadata#auditLogs/signIns`,
    "@odata.nextLink": `${POOL_SERVICE_ROOT}/auditLogs/signIns?$skiptoken=${index + 1}`,
    value: value.map((signIn) => applySelect(signIn, SIGN_IN_FIELDS)),
  });
}
