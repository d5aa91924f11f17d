import { app } from "@azure/functions";
import * as df from "durable-functions";
import { auditIdentity, authorizeRequest } from "#shared/auth";
import { dependencies } from "#shared/runtime";
import { registerRollout } from "#shared/app";
import { Orchestrations, type RolloutInput } from "../orchestrations/activity-contracts";
import { ORCHESTRATION_VERSION } from "../orchestrations/orchestration-version";
import { instanceStatus } from "./http/instance-status";
import { parsePlan } from "./http/parse-plan";
import { readJsonBody } from "./http/read-json-body";
import { json, problem } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";
import { rolloutLinks } from "./http/rollout-links";

/**
 * POST /api/rollouts: validate the plan, record it (registerRollout), start the singleton
 * orchestration.
 */
export const startRollout = withHttpErrors(async (request, context) => {
  // A started rollout enforces on its schedule with nobody's further say: like an approval.
  const principal = authorizeRequest(request.headers, { access: "mutate", mfa: true });
  const caller = auditIdentity(principal);
  const body = await readJsonBody(request);
  const plan = parsePlan(body);
  const rolloutId = plan.rolloutId;
  const client = df.getClient(context);
  if (await instanceStatus(client, rolloutId)) {
    return problem(409, "rollout_exists", `rollout ${rolloutId} already exists; choose another rolloutId`);
  }
  await registerRollout(await dependencies(), {
    plan,
    body,
    caller,
    orchestrationVersion: ORCHESTRATION_VERSION,
  });
  const input: RolloutInput = {
    rolloutId,
    nextWave: 0,
    setupDone: false,
    startedBy: caller.actor,
    waveCount: 0,
    reportOnlySince: "",
    orchestrationVersion: ORCHESTRATION_VERSION,
  };
  await client.startNew(Orchestrations.rollout, { instanceId: rolloutId, input });
  context.log(`rollout ${rolloutId} started by ${caller.actor}`);
  const links = rolloutLinks(rolloutId);
  return json(202, { rolloutId, links }, { location: links.status });
});

app.http("start-rollout", {
  methods: ["POST"],
  route: "rollouts",
  authLevel: "function",
  extraInputs: [df.input.durableClient()],
  handler: startRollout,
});
