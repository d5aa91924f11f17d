import { app } from "@azure/functions";
import { ReconcileBody } from "#shared/api";
import { auditIdentity, authorizeRequest } from "#shared/auth";
import { dependencies } from "#shared/runtime";
import { reconcileOnRequest } from "#shared/app";
import { parseBody } from "./http/parse-body";
import { readOptionalJsonBody } from "./http/read-json-body";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

/**
 * POST /api/rollouts/{id}/reconcile — rebuilds the users table from Graph's truth (group
 * memberships, deleted users) and answers what differed, per user and in counts; policies are
 * reported, not changed (a drift pause's resume adopts or recreates them). Rollout.Admin with an
 * MFA sign-in, as for resume: it changes who the table says is enforced. Audited.
 */
export const reconcileRolloutHttp = withHttpErrors(async (request) => {
  const principal = authorizeRequest(request.headers, { access: "mutate", mfa: true });
  const body = parseBody(ReconcileBody, await readOptionalJsonBody(request));
  const report = await reconcileOnRequest(await dependencies(), {
    rolloutId: request.params.id ?? "",
    by: auditIdentity(principal),
    ...(body.reason !== undefined ? { reason: body.reason } : {}),
  });
  return json(200, report);
});

app.http("reconcile-rollout", {
  methods: ["POST"],
  route: "rollouts/{id}/reconcile",
  authLevel: "function",
  handler: reconcileRolloutHttp,
});
