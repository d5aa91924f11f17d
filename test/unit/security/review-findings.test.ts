import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { captureRegistrations } from "../../../local/durable-host";
import { printSummary } from "../../../local/rehearsal/summary-table";
import type { RehearsalSummary } from "../../../local/rehearsal/summary";
import { timeFormat, UTC } from "../../../shared/report/zoned-time";
import { encodeClientPrincipal } from "../../../shared/auth";
import {
  ADMIN_MFA,
  ADMIN_NO_MFA,
  appRoutes,
  invoke,
  key,
  trapDependencies,
  type AppRoute,
} from "./app-routes";

/**
 * Replays the findings of the live security review (issue 19) that need no running stack; the
 * ones that do are in test/integration/security/review-findings.test.ts.
 */
const ROOT = path.resolve(__dirname, "../../..");
const ESC = "\u001b";

function route(label: string): AppRoute {
  const found = appRoutes().find((r) => key(r) === label);
  if (!found) throw new Error(`no route ${label}`);
  return found;
}
const CONTROL = () => route("POST rollouts/{id}/{action}");

describe("finding 2: everything that moves enforced users needs MFA", () => {
  it.each([
    ["abort with stepBack", "abort", { stepBack: true }],
    ["retry-held-back", "retry-held-back", {}],
    ["approve", "approve", {}],
    ["resume", "resume", {}],
  ])(
    "%s by an admin signed in with a password only: 403 mfa_required, nothing touched",
    async (_l, action, body) => {
      const deps = trapDependencies();
      const response = await invoke(
        CONTROL(),
        { principal: ADMIN_NO_MFA },
        {
          params: { action },
          body: JSON.stringify(body),
        },
      );
      expect(response.status).toBe(403);
      expect(response.jsonBody).toMatchObject({ error: "mfa_required" });
      expect(deps.touched()).toBe(0);
    },
  );

  it.each(["POST rollouts", "POST rollouts/{id}/reconcile"])(
    "%s by an admin without MFA: 403 mfa_required",
    async (label) => {
      const deps = trapDependencies();
      const response = await invoke(route(label), { principal: ADMIN_NO_MFA });
      expect(response.status).toBe(403);
      expect(response.jsonBody).toMatchObject({ error: "mfa_required" });
      expect(deps.touched()).toBe(0);
    },
  );

  it("abort without stepBack stays possible without MFA (stopping must stay easy)", async () => {
    const deps = trapDependencies();
    const response = await invoke(
      CONTROL(),
      { principal: ADMIN_NO_MFA },
      {
        params: { action: "abort" },
        body: JSON.stringify({ stepBack: false }),
      },
    );
    expect(response.status).not.toBe(403);
    expect(deps.touched()).toBeGreaterThan(0);
  });
});

describe("finding 4: action names are own keys of the action table", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"])(
    "POST rollouts/{id}/%s answers 404 unknown_action and touches nothing",
    async (action) => {
      const deps = trapDependencies();
      const response = await invoke(CONTROL(), { principal: ADMIN_MFA }, { params: { action } });
      expect(response.status).toBe(404);
      expect(response.jsonBody).toMatchObject({ error: "unknown_action" });
      expect(deps.touched()).toBe(0);
    },
  );
});

describe("finding 4: the rehearsal summary prints other people's text inert", () => {
  it("strips escape sequences and newlines from wave names, UPNs and reasons", () => {
    const summary = {
      rolloutId: "r1",
      scenario: "clean",
      status: "completed",
      virtualDays: 3,
      waves: [{ name: `pilot${ESC}[2J`, planned: 1, enforced: 1, heldBack: 0, excluded: 0, decisions: [] }],
      users: { enforced: 1 },
      heldBack: [
        { userId: "u1", upn: `eve${ESC}]0;owned${ESC}\\@contoso.com`, reason: `bad\n${ESC}[31mFAKE LINE` },
      ],
      graph: { requests: 1, writeRequests: 0, throttled: 0, signInPagesRead: 0, byKind: {} },
      outsideWaves: {
        users: [
          {
            userId: "svc",
            upn: `svc${ESC}[2J@contoso.com`,
            stage: "heldBack",
            reason: `service account${ESC}[31m`,
            serviceAccount: true,
            evidence: `ROPC${ESC}]0;x${ESC}\\`,
          },
        ],
        withoutReason: 0,
      },
    } as unknown as RehearsalSummary;
    const printed: string[] = [];
    const spy = jest.spyOn(console, "log").mockImplementation((text: string) => void printed.push(text));
    try {
      printSummary(summary, true, timeFormat(UTC));
    } finally {
      spy.mockRestore();
    }
    const output = printed.join("\n");
    expect(output).not.toContain(ESC);
    expect(output).toContain("eve@contoso.com: bad FAKE LINE");
    expect(output.split("\n").some((line) => line.startsWith("FAKE LINE"))).toBe(false);
  });
});

describe("finding 5: in Azure, only App Service Authentication with Entra ID of our tenant", () => {
  const TENANT = "11111111-2222-4333-8444-555555555555";
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ["WEBSITE_SITE_NAME", "WEBSITE_AUTH_ENABLED", "AUTH_TENANT_ID"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  const principal = (over: { tenantId?: string; authType?: string }) =>
    encodeClientPrincipal({
      id: "00000000-0000-4000-8000-00000000ad01",
      name: "admin@contoso.test",
      roles: ["Rollout.Admin"],
      amr: ["pwd", "mfa"],
      ...over,
    });

  it("refuses every route with 401 when the app runs in Azure without App Service Authentication", async () => {
    process.env.WEBSITE_SITE_NAME = "ca-wave-rollout";
    delete process.env.WEBSITE_AUTH_ENABLED;
    process.env.AUTH_TENANT_ID = TENANT;
    for (const r of appRoutes()) {
      const deps = trapDependencies();
      const response = await invoke(r, { principal: principal({ tenantId: TENANT }) });
      expect({ route: key(r), status: response.status }).toEqual({ route: key(r), status: 401 });
      expect(deps.touched()).toBe(0);
    }
  });

  it.each<[string, { tenantId?: string; authType?: string }]>([
    ["another tenant", { tenantId: "99999999-2222-4333-8444-555555555555" }],
    ["no tenant claim", {}],
    ["another identity provider", { tenantId: TENANT, authType: "github" }],
  ])("refuses a principal from %s with 403", async (_l, over) => {
    process.env.WEBSITE_SITE_NAME = "ca-wave-rollout";
    process.env.WEBSITE_AUTH_ENABLED = "True";
    process.env.AUTH_TENANT_ID = TENANT;
    const deps = trapDependencies();
    const response = await invoke(route("GET rollouts"), { principal: principal(over) });
    expect(response.status).toBe(403);
    expect(deps.touched()).toBe(0);
  });

  it("lets an Entra principal of the configured tenant through", async () => {
    process.env.WEBSITE_SITE_NAME = "ca-wave-rollout";
    process.env.WEBSITE_AUTH_ENABLED = "True";
    process.env.AUTH_TENANT_ID = TENANT;
    const deps = trapDependencies();
    const response = await invoke(route("GET rollouts"), { principal: principal({ tenantId: TENANT }) });
    expect([401, 403]).not.toContain(response.status);
    expect(deps.touched()).toBeGreaterThan(0);
  });
});

describe("finding 5: nothing compiled from functions/ serves an HTTP route the app does not check", () => {
  it("every HTTP trigger any file under functions/ registers is one of the app's classified routes", () => {
    const files = readdirSync(path.join(ROOT, "functions"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join(ROOT, "functions", f));
    const known = new Set(appRoutes().map((r) => r.name));
    let registered: string[] = [];
    // A fresh module registry: every file registers again, not only those functions/index.ts skips.
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time
      const host = require("../../../local/durable-host") as {
        captureRegistrations: typeof captureRegistrations;
      };
      registered = host
        .captureRegistrations(() => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          for (const file of files) require(file);
        })
        .ofType("httpTrigger")
        .map((r) => r.name);
    });
    expect(registered.length).toBeGreaterThanOrEqual(known.size);
    expect(registered.filter((name) => !known.has(name))).toEqual([]);
  });
});

describe("finding 3: the infrastructure asks for tokens that carry the MFA proof", () => {
  const entraApp = readFileSync(path.join(ROOT, "infra/app/entra-app.bicep"), "utf8");
  const api = readFileSync(path.join(ROOT, "infra/app/api.bicep"), "utf8");

  it("the API's app registration issues v1.0 access tokens (amr is a v1.0-only claim)", () => {
    expect(entraApp).toMatch(/requestedAccessTokenVersion:\s*1\b/);
  });

  it("App Service Authentication expects the v1.0 issuer and the app knows its tenant and auth context", () => {
    expect(api).toMatch(/openIdIssuer:\s*'https:\/\/sts\.windows\.net\/\$\{tenant\(\)\.tenantId\}\/'/);
    expect(api).toMatch(/AUTH_TENANT_ID:\s*tenant\(\)\.tenantId/);
    expect(api).toMatch(/MFA_AUTH_CONTEXT_ID:\s*mfaAuthContextId/);
  });
});
