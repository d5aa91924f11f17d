import { app } from "@azure/functions";
import { authorizeRequest } from "#shared/auth";
import { dependencies } from "#shared/runtime";
import { previewForRollout } from "#shared/app";
import { parsePlan } from "./http/parse-plan";
import { readJsonBody } from "./http/read-json-body";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

/**
 * POST /api/rollouts/preview — readiness per wave for a plan, changing nothing. Rollout.Admin
 * only: the plan may name anyone, and the answer holds their directory facts (existence, MFA
 * registration), which a Reader is not meant to look up.
 */
export const previewRollout = withHttpErrors(async (request) => {
  authorizeRequest(request.headers, { access: "mutate" });
  const plan = parsePlan(await readJsonBody(request));
  return json(200, await previewForRollout(await dependencies(), plan));
});

app.http("preview-rollout", {
  methods: ["POST"],
  route: "rollouts/preview",
  authLevel: "function",
  handler: previewRollout,
});
