import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { auditIdentity, authorizeRequest } from "../shared/auth";
import { validatePlan } from "../shared/domain";
import { dependencies } from "../shared/runtime/dependencies";
import { readCoverage, uncoveredRefusal } from "../shared/services/coverage";
import { AlreadyExistsError } from "../shared/store";
import { Orchestrations, type RolloutInput } from "../orchestrations/activity-contracts";
import { instanceStatus } from "./http/instance-status";
import { readJsonBody } from "./http/read-json-body";
import { errorResponse, json, problem } from "./http/responses";

/**
 * POST /api/rollouts: validate the plan, record it, start the singleton orchestration. The row is
 * written before the orchestration starts, so a start that failed half-way can be repeated with
 * the same plan and completes; a different plan under a used id is a conflict.
 */
export async function startRollout(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    const principal = authorizeRequest(request.headers, { access: "mutate" });
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
    try {
      await store.rollouts.create({
        id: rolloutId,
        plan: body,
        createdBy: caller.actor,
        status: "running",
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
    };
    await client.startNew(Orchestrations.rollout, { instanceId: rolloutId, input });
    context.log(`rollout ${rolloutId} started by ${caller.actor}`);
    return client.createCheckStatusResponse(request, rolloutId);
  } catch (error) {
    return errorResponse(error, (m) => context.error(m));
  }
}

app.http("start-rollout", {
  methods: ["POST"],
  route: "rollouts",
  authLevel: "function",
  extraInputs: [df.input.durableClient()],
  handler: startRollout,
});
