import { app, type HttpRequest, type HttpResponseInit } from "@azure/functions";
import { authorizeRequest } from "#shared/auth";
import { USER_STAGES, type UserStage } from "#shared/domain";
import { dependencies } from "#shared/runtime";
import { readOutsideWaves, PREFLIGHT_AUDIT_KEY } from "#shared/app";
import { InvalidInputError } from "#shared/errors";
import type { RolloutRecord } from "#shared/store";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

/** Reads need Rollout.Reader (or Admin); a missing rollout is a 404, not an empty answer. */
function reader(handle: (request: HttpRequest) => Promise<HttpResponseInit>) {
  return withHttpErrors(async (request) => {
    authorizeRequest(request.headers, { access: "read" });
    return await handle(request);
  });
}

/** The plan stays out of list answers: it can be large, and GET /rollouts/{id} has it. */
function summary(record: RolloutRecord) {
  const { plan: _plan, etag: _etag, ...rest } = record;
  return rest;
}

export const listRollouts = reader(async () => {
  const { store } = await dependencies();
  const rollouts = await store.rollouts.list({ limit: 500 });
  return json(200, { rollouts: rollouts.map(summary) });
});

export const getRollout = reader(async (request) => {
  const { store } = await dependencies();
  const id = request.params.id ?? "";
  const record = await store.rollouts.get(id);
  const waves = await store.waves.list(id);
  // The checks the rollout started with (warnings included), as its preflight activity stored them.
  const preflight = await store.audit.findByIdempotencyKey(id, PREFLIGHT_AUDIT_KEY);
  return json(200, {
    ...summary(record),
    plan: record.plan,
    waves,
    preflight: preflight ? { at: preflight.at, ...(preflight.details as object) } : null,
    outsideWaves: await readOutsideWaves(store, id),
  });
});

export const listRolloutUsers = reader(async (request) => {
  const { store } = await dependencies();
  const id = request.params.id ?? "";
  await store.rollouts.get(id);
  const stage = request.query.get("stage");
  if (stage !== null && !(USER_STAGES as readonly string[]).includes(stage)) {
    throw new InvalidInputError("invalid_stage", `stage must be one of ${USER_STAGES.join(", ")}`);
  }
  const limit = boundedLimit(request.query.get("limit"));
  const users = await store.users.list(id, stage ? { stage: stage as UserStage } : {}, limit);
  return json(200, { users });
});

export const listRolloutGates = reader(async (request) => {
  const { store } = await dependencies();
  const id = request.params.id ?? "";
  await store.rollouts.get(id);
  const gates = await store.gates.list(id, { limit: boundedLimit(request.query.get("limit")) });
  return json(200, { gates });
});

function boundedLimit(raw: string | null): number {
  if (raw === null) return 1000;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
    throw new InvalidInputError("invalid_limit", "limit must be a whole number from 1 to 5000");
  }
  return limit;
}

app.http("list-rollouts", {
  methods: ["GET"],
  route: "rollouts",
  authLevel: "function",
  handler: listRollouts,
});
app.http("get-rollout", {
  methods: ["GET"],
  route: "rollouts/{id}",
  authLevel: "function",
  handler: getRollout,
});
app.http("list-rollout-users", {
  methods: ["GET"],
  route: "rollouts/{id}/users",
  authLevel: "function",
  handler: listRolloutUsers,
});
app.http("list-rollout-gates", {
  methods: ["GET"],
  route: "rollouts/{id}/gates",
  authLevel: "function",
  handler: listRolloutGates,
});
