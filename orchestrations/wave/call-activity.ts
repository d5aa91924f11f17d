import * as df from "durable-functions";
import type { OrchestrationContext, Task } from "durable-functions";

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

/** callActivity with the engine's retry policy: the one way the orchestrators call an activity. */
export function callActivity(context: OrchestrationContext, name: string, input: unknown): Task {
  return context.df.callActivityWithRetry(name, retryOptions(), input);
}
