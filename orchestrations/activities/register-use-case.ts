import { dependencies, type Dependencies } from "#shared/runtime";
import type { ActivityInput, ActivityName, ActivityOutput } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

/**
 * An activity as a thin adapter: it takes its input, gets the process's dependencies and calls
 * one use case (shared/app), whose answer it returns. The activity map types both ends.
 */
export function registerUseCase<N extends ActivityName>(
  name: N,
  useCase: (deps: Dependencies, input: ActivityInput<N>) => Promise<ActivityOutput<N>>,
): void {
  registerActivity(name, async (input) => useCase(await dependencies(), input));
}
