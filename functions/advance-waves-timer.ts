import { app, type InvocationContext, type Timer } from "@azure/functions";
import * as df from "durable-functions";
import { isInsideChangeWindow, validatePlan, ControlEvents } from "#shared/domain";
import { dependencies } from "#shared/runtime";
import { ORCHESTRATION_VERSION } from "../orchestrations/orchestration-version";
import { raiseControlEvent } from "./http/raise-control-event";

/**
 * Every 15 minutes: a rollout waiting for its change window gets `advance` once the window is
 * open in the plan's time zone. The orchestrator checks the window again, so a late or repeated
 * event can never enforce outside it.
 */
export async function advanceWaves(_timer: Timer, context: InvocationContext): Promise<void> {
  const { store, clock } = await dependencies();
  const now = clock.now();
  const client = df.getClient(context);
  for (const rollout of await store.rollouts.list({ limit: 1000 })) {
    if (rollout.status !== "waitingForWindow") continue;
    // Side by side (DEPLOY.md): another version's rollouts live in another task hub.
    if ((rollout.orchestrationVersion ?? "1") !== ORCHESTRATION_VERSION) continue;
    const plan = validatePlan(rollout.plan);
    if (!plan.ok || !isInsideChangeWindow(plan.plan.schedule, now)) continue;
    try {
      await raiseControlEvent(client, rollout, ControlEvents.advance, { actor: "system:advance-waves" });
      context.log(`advance raised for rollout ${rollout.id}`);
    } catch (error) {
      context.error(`could not advance rollout ${rollout.id}: ${(error as Error).message}`);
    }
  }
}

app.timer("advance-waves", {
  schedule: "0 */15 * * * *",
  extraInputs: [df.input.durableClient()],
  handler: advanceWaves,
});
