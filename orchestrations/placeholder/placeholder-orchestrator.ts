import * as df from "durable-functions";
import type { OrchestrationContext, OrchestrationHandler } from "durable-functions";
import {
  PLACEHOLDER_APPROVAL_EVENT,
  PLACEHOLDER_GREET_ACTIVITY,
  PLACEHOLDER_ORCHESTRATOR,
} from "./placeholder-names";

export interface PlaceholderInput {
  name: string;
  /** Minutes to wait between greeting and asking for approval. */
  waitMinutes: number;
}

export interface PlaceholderOutput {
  greeting: string;
  approvedBy: string;
}

/**
 * The smallest orchestration that walks every path the real rollout uses: an activity, a
 * durable timer, an external event and custom status. The rollout engine replaces it.
 */
const placeholderOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<PlaceholderInput>();
  context.df.setCustomStatus({ stage: "greeting" });
  const greeting = (yield context.df.callActivity(PLACEHOLDER_GREET_ACTIVITY, input.name)) as string;
  context.df.setCustomStatus({
    stage: "waiting",
    until: addMinutes(context.df.currentUtcDateTime, input.waitMinutes),
  });
  yield context.df.createTimer(new Date(addMinutes(context.df.currentUtcDateTime, input.waitMinutes)));
  context.df.setCustomStatus({ stage: "awaiting-approval" });
  const approval = (yield context.df.waitForExternalEvent(PLACEHOLDER_APPROVAL_EVENT)) as
    { by?: string } | undefined;
  context.df.setCustomStatus({ stage: "done" });
  const output: PlaceholderOutput = { greeting, approvedBy: approval?.by ?? "unknown" };
  return output;
};

function addMinutes(at: Date, minutes: number): string {
  return new Date(at.getTime() + minutes * 60_000).toISOString();
}

df.app.orchestration(PLACEHOLDER_ORCHESTRATOR, placeholderOrchestrator);
