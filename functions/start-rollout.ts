import { app } from "@azure/functions";
import * as df from "durable-functions";
import { auditIdentity, authorizeRequest } from "../shared/auth";
import { describeOverlap, validatePlan } from "../shared/domain";
import { dependencies } from "../shared/runtime/dependencies";
import { findOverlap } from "../shared/app/overlap";
import { readCoverage, uncoveredRefusal } from "../shared/app/coverage";
import { AlreadyExistsError } from "../shared/store";
import { Orchestrations, type RolloutInput } from "../orchestrations/activity-contracts";
import { ORCHESTRATION_VERSION } from "../orchestrations/orchestration-version";
import { instanceStatus } from "./http/instance-status";
import { readJsonBody } from "./http/read-json-body";
import { json, problem } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";
import { rolloutLinks } from "./http/rollout-links";

/**
 * POST /api/rollouts: validate the plan, record it, start the singleton orchestration. The row is
 * written before the orchestration starts, so a start that failed half-way can be repeated with
 * the same plan and completes; a different plan under a used id is a conflict.
 */
export const startRollout = withHttpErrors(async (request, context) => {
  // A started rollout enforces on its schedule with nobody's further say: like an approval.
  const principal = authorizeRequest(request.headers, { access: "mutate", mfa: true });
  const caller = auditIdentity(principal);
  const body = await readJsonBody(request);
  const validation = validatePlan(body);
  if (!validation.ok) {
    return json(400, {
      error: "invalid_plan",
      message: `the plan has ${validation.errors.length} problem(s)`,
      errors: validation.errors,
    });
  }
  const rolloutId = validation.plan.rolloutId;
  const client = df.getClient(context);
  if (await instanceStatus(client, rolloutId)) {
    return problem(409, "rollout_exists", `rollout ${rolloutId} already exists; choose another rolloutId`);
  }
  const { store, graph, clock } = await dependencies();
  const coverage = await readCoverage(graph, validation.plan, clock.now().toISOString());
  if (!coverage.decision.ok) {
    const refusal = await uncoveredRefusal(graph, coverage.decision.uncovered);
    return problem(400, "uncovered_population", refusal.message, {
      count: refusal.count,
      users: refusal.users,
    });
  }
  if (!validation.plan.preflight?.allowOverlap) {
    const overlap = await findOverlap(graph, store.rollouts, validation.plan);
    if (overlap.users > 0) {
      return problem(
        409,
        "population_overlap",
        `${describeOverlap(overlap)}; finish those first, or set preflight.allowOverlap in the plan`,
        { overlap },
      );
    }
  }
  try {
    await store.rollouts.create({
      id: rolloutId,
      plan: body,
      createdBy: caller.actor,
      status: "running",
      orchestrationVersion: ORCHESTRATION_VERSION,
    });
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const stored = await store.rollouts.get(rolloutId);
    if (JSON.stringify(stored.plan) !== JSON.stringify(body)) {
      return problem(409, "rollout_exists", `rollout ${rolloutId} already exists with another plan`);
    }
  }
  await store.audit.append(rolloutId, {
    ...caller,
    action: "rollout:start",
    details: { waves: validation.plan.waves.map((w) => w.name) },
    idempotencyKey: "start",
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
