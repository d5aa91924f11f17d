import * as df from "durable-functions";
import type { OrchestrationContext, Task } from "durable-functions";
import type { ActivityInput, ActivityName, ActivityOutput } from "../activity-contracts";

/**
 * How the orchestrators retry a failed activity. The gateway already retries throttling and
 * transient answers for about a minute; what still fails here (a burst of 500s, Graph or storage
 * unreachable for longer) gets minutes more: 1, 2, 4, 8, 15 min. Every activity is idempotent,
 * so running one again is safe. Only after that does the failure reach the orchestrator.
 */
export const ACTIVITY_RETRY = Object.freeze({
  firstRetryMs: 60_000,
  maxAttempts: 6,
  backoffCoefficient: 2,
  maxRetryIntervalMs: 15 * 60_000,
});

function retryOptions(): df.RetryOptions {
  const options = new df.RetryOptions(ACTIVITY_RETRY.firstRetryMs, ACTIVITY_RETRY.maxAttempts);
  options.backoffCoefficient = ACTIVITY_RETRY.backoffCoefficient;
  options.maxRetryIntervalInMilliseconds = ACTIVITY_RETRY.maxRetryIntervalMs;
  return options;
}

/**
 * callActivity with the engine's retry policy: the one way the orchestrators call an activity
 * (`yield* callActivity(...)`). It yields the one durable task and returns the activity's result
 * typed from the activity map.
 */
export function* callActivity<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
): Generator<Task, ActivityOutput<N>, unknown> {
  return (yield context.df.callActivityWithRetry(name, retryOptions(), input)) as ActivityOutput<N>;
}

/** Registers an activity whose handler must take and return what the activity map says. */
export function registerActivity<N extends ActivityName>(
  name: N,
  handler: (input: ActivityInput<N>) => Promise<ActivityOutput<N>>,
): void {
  df.app.activity(name, { handler: (input: ActivityInput<N>) => handler(input) });
}
