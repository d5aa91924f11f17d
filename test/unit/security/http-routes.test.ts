import { ADMIN_MFA, ADMIN_NO_MFA, appRoutes, invoke, key, READER, trapDependencies } from "./app-routes";

/**
 * What each HTTP route is: reads need Rollout.Reader, everything else Rollout.Admin, and the
 * MFA ones (anything that moves users into or out of enforcement) also a token proving MFA.
 * Checking an arbitrary plan (preview, POST preflight) is an admin's: its answer holds directory
 * facts about whoever the plan names. A route the app registers but this table does not
 * classify fails the first test, so a new route cannot slip in unreviewed.
 */
const READS = new Set([
  "GET rollouts",
  "GET rollouts/{id}",
  "GET rollouts/{id}/users",
  "GET rollouts/{id}/gates",
  "GET rollouts/{id}/view",
  "GET preflight",
  "GET openapi.json",
]);
/** Reads that serve a document built into the app, so they touch no dependency. */
const STATIC_READS = new Set(["GET openapi.json"]);
const CONTROL_ACTIONS = ["pause", "resume", "approve", "abort", "retry-held-back"];
const NEEDS_MFA = new Set([
  "POST rollouts",
  "approve",
  "resume",
  "retry-held-back",
  "POST rollouts/{id}/reconcile",
  "POST rollouts/{id}/exclusions",
  "DELETE rollouts/{id}/exclusions/{userId}",
]);

/** The control route is one registration for several actions: test each action on its own. */
function cases() {
  return appRoutes().flatMap((route) =>
    route.route === "rollouts/{id}/{action}"
      ? CONTROL_ACTIONS.map((action) => ({
          route,
          label: `POST rollouts/{id}/${action}`,
          params: { action },
          mfaKey: action,
        }))
      : [{ route, label: key(route), params: {}, mfaKey: key(route) }],
  );
}

const MALFORMED_PRINCIPALS: Array<[string, string | undefined]> = [
  ["no header", undefined],
  ["an empty header", ""],
  ["not base64", "%%% not base64 %%%"],
  ["base64 of text", Buffer.from("hello").toString("base64")],
  ["base64 of a JSON array", Buffer.from("[]").toString("base64")],
  [
    "claims that are not a list",
    Buffer.from(JSON.stringify({ auth_typ: "aad", claims: "x" })).toString("base64"),
  ],
  [
    "no object id claim",
    Buffer.from(
      JSON.stringify({ auth_typ: "aad", claims: [{ typ: "roles", val: "Rollout.Admin" }] }),
    ).toString("base64"),
  ],
  [
    "an empty auth_typ",
    Buffer.from(
      JSON.stringify({
        auth_typ: "",
        claims: [
          { typ: "oid", val: "x" },
          { typ: "roles", val: "Rollout.Admin" },
        ],
      }),
    ).toString("base64"),
  ],
  ["a 100 KB header", "A".repeat(100 * 1024)],
];

describe("every HTTP route of the app", () => {
  it("is classified by this test (read, mutation, MFA) and there are routes to test", () => {
    const routes = appRoutes().map(key);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const unknownReads = [...READS].filter((r) => !routes.includes(r));
    expect(unknownReads).toEqual([]);
  });

  it('is registered with authLevel "function", so Azure requires a function key on it', () => {
    const offenders = appRoutes()
      .filter((r) => r.authLevel !== "function")
      .map((r) => `${key(r)} (${r.name}): ${String(r.authLevel)}`);
    expect(offenders).toEqual([]);
  });

  it("never accepts OPTIONS (CORS preflight is not answered by the app)", () => {
    expect(
      appRoutes()
        .filter((r) => r.method === "OPTIONS")
        .map(key),
    ).toEqual([]);
  });

  describe.each(MALFORMED_PRINCIPALS)("with %s as x-ms-client-principal", (_label, principal) => {
    it.each(cases().map((c) => [c.label, c] as const))(
      "%s answers 401 and touches nothing",
      async (_l, c) => {
        const deps = trapDependencies();
        const response = await invoke(c.route, principal === undefined ? {} : { principal }, {
          params: c.params,
        });
        expect({ route: c.label, status: response.status }).toEqual({ route: c.label, status: 401 });
        expect(response.jsonBody).toMatchObject({ error: "unauthenticated", message: expect.any(String) });
        expect(response.headers["www-authenticate"]).toBe("Bearer");
        expect(deps.touched()).toBe(0);
      },
    );
  });

  it.each(
    cases()
      .filter((c) => !READS.has(c.label))
      .map((c) => [c.label, c] as const),
  )("%s answers 403 to a reader and touches nothing", async (_l, c) => {
    const deps = trapDependencies();
    const response = await invoke(c.route, { principal: READER }, { params: c.params });
    expect(response.status).toBe(403);
    expect(response.jsonBody).toMatchObject({
      error: "forbidden",
      message: expect.stringMatching(/Rollout\.Admin/),
    });
    expect(deps.touched()).toBe(0);
  });

  it.each(
    cases()
      .filter((c) => READS.has(c.label))
      .map((c) => [c.label, c] as const),
  )("%s lets a reader past authorization", async (_l, c) => {
    const deps = trapDependencies();
    const response = await invoke(c.route, { principal: READER }, { params: c.params, body: "{}" });
    expect([401, 403]).not.toContain(response.status);
    if (STATIC_READS.has(c.label)) {
      expect(response.status).toBe(200);
      return;
    }
    // Either it read something (the trap) or it rejected the input itself (400) first.
    expect(deps.touched() > 0 || response.status === 400).toBe(true);
  });

  describe("MFA", () => {
    const mfaCases = cases().filter((c) => NEEDS_MFA.has(c.mfaKey));

    it("covers start, approve, resume, retry-held-back, reconcile and both exclusion routes", () => {
      expect(mfaCases.map((c) => c.label).sort()).toEqual([
        "DELETE rollouts/{id}/exclusions/{userId}",
        "POST rollouts",
        "POST rollouts/{id}/approve",
        "POST rollouts/{id}/exclusions",
        "POST rollouts/{id}/reconcile",
        "POST rollouts/{id}/resume",
        "POST rollouts/{id}/retry-held-back",
      ]);
    });

    it.each(mfaCases.map((c) => [c.label, c] as const))(
      "%s answers 403 mfa_required to an admin who signed in without MFA",
      async (_l, c) => {
        const deps = trapDependencies();
        const response = await invoke(c.route, { principal: ADMIN_NO_MFA }, { params: c.params });
        expect(response.status).toBe(403);
        expect(response.jsonBody).toMatchObject({ error: "mfa_required" });
        expect(deps.touched()).toBe(0);
      },
    );

    it.each(mfaCases.map((c) => [c.label, c] as const))(
      "%s lets an admin with MFA through",
      async (_l, c) => {
        const deps = trapDependencies();
        const body = JSON.stringify({
          userId: "6a1f0c2e-0000-4000-8000-0000000000aa",
          reason: "field engineer's phone is broken",
          expiresAt: "2026-02-01T00:00:00Z",
        });
        const response = await invoke(c.route, { principal: ADMIN_MFA }, { params: c.params, body });
        expect([401, 403]).not.toContain(response.status);
        // Past authorization: it used storage (the trap) or rejected this body itself (400).
        expect(deps.touched() > 0 || response.status === 400).toBe(true);
      },
    );

    it("does not demand MFA for pause and abort (stopping must stay easy)", async () => {
      for (const action of ["pause", "abort"]) {
        const c = cases().find((x) => x.label === `POST rollouts/{id}/${action}`);
        if (!c) throw new Error(`no ${action} route`);
        const deps = trapDependencies();
        const response = await invoke(c.route, { principal: ADMIN_NO_MFA }, { params: c.params });
        expect({ action, status: response.status === 403 ? 403 : "past auth" }).toEqual({
          action,
          status: "past auth",
        });
        expect(deps.touched()).toBeGreaterThan(0);
      }
    });
  });

  it.each(cases().map((c) => [c.label, c] as const))(
    "%s sends no Access-Control-Allow-Origin header, whoever asks from wherever",
    async (_l, c) => {
      trapDependencies();
      for (const principal of [undefined, READER, ADMIN_MFA]) {
        const response = await invoke(
          c.route,
          { ...(principal ? { principal } : {}), headers: { origin: "https://evil.example" } },
          { params: c.params },
        );
        const cors = Object.keys(response.headers).filter((h) => h.startsWith("access-control-"));
        expect({ route: c.label, cors }).toEqual({ route: c.label, cors: [] });
      }
    },
  );
});
