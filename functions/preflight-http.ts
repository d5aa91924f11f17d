import { app, type HttpRequest } from "@azure/functions";
import { authorizeRequest } from "#shared/auth";
import { LIMITS, validatePlan } from "#shared/domain";
import { dependencies } from "#shared/runtime";
import { runPreflight, type PreflightTarget } from "#shared/app";
import { parsePlan } from "./http/parse-plan";
import { readJsonBody } from "./http/read-json-body";
import { ConflictError, InvalidInputError, NotFoundError } from "#shared/errors";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

/**
 * GET /api/preflight?rolloutId=ID — the preflight checks for an existing rollout's stored plan
 * and groups; POST /api/preflight with a plan — the checks for a plan before it is started.
 * Neither changes anything (the permission probes cannot write anything). A stored rollout's
 * checks need Rollout.Reader; checking an arbitrary plan needs Rollout.Admin, because a plan can
 * name any users and the answer would tell a reader whether they exist and have MFA registered.
 * 200 with every check, whether or not one fails: the request worked; `ok` says if a start would.
 */
export const preflightHttp = withHttpErrors(async (request) => {
  authorizeRequest(request.headers, { access: request.method === "POST" ? "mutate" : "read" });
  const target = request.method === "POST" ? await fromBody(request) : await fromRollout(request);
  const { graph, clock, store } = await dependencies();
  const checkedAt = clock.now().toISOString();
  const result = await runPreflight(graph, { ...target, rollouts: store.rollouts, at: checkedAt });
  return json(200, { rolloutId: target.plan.rolloutId, checkedAt, ok: result.ok, checks: result.checks });
});

async function fromBody(request: HttpRequest): Promise<PreflightTarget> {
  return { plan: parsePlan(await readJsonBody(request)) };
}

async function fromRollout(request: HttpRequest): Promise<PreflightTarget> {
  const id = request.query.get("rolloutId");
  if (id === null || !LIMITS.rolloutIdPattern.test(id)) {
    throw new InvalidInputError(
      "invalid_rollout_id",
      "give ?rolloutId= of an existing rollout, or POST a plan to check one before starting it",
    );
  }
  const { store } = await dependencies();
  const record = await store.rollouts.find(id);
  if (!record) throw new NotFoundError("not_found", `rollout ${id} does not exist`);
  const validation = validatePlan(record.plan);
  if (!validation.ok)
    throw new ConflictError("invalid_stored_plan", `the stored plan of ${id} no longer validates`);
  return {
    plan: validation.plan,
    ...(record.enforcedGroupId ? { enforcedGroupId: record.enforcedGroupId } : {}),
    ...(record.excludedGroupId ? { excludedGroupId: record.excludedGroupId } : {}),
  };
}

app.http("preflight-http", {
  methods: ["GET", "POST"],
  route: "preflight",
  authLevel: "function",
  handler: preflightHttp,
});
