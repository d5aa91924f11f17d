import { storeFinishedResults } from "../store";
import type { AppPorts } from "./ports";

/**
 * A use case whose re-run after it finished returns what it returned the first time, found by a
 * key computed from its input (shared/store/finished-results.ts says why: the extension re-runs an
 * activity whose completion it did not record, while Graph still counts the first run's calls).
 */
export function rememberResult<D extends Pick<AppPorts, "store">, I extends { rolloutId: string }, O>(
  keyOf: (input: I) => string,
  useCase: (deps: D, input: I) => Promise<O>,
): (deps: D, input: I) => Promise<O> {
  return async (deps, input) => {
    const finished = storeFinishedResults(deps.store.counters, input.rolloutId);
    const key = keyOf(input);
    const found = await finished.find<O>(key);
    if (found !== undefined) return found;
    const result = await useCase(deps, input);
    await finished.save(key, result);
    return result;
  };
}
