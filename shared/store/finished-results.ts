import type { CountersRepository } from "./counters-repository";

/** A partition no rollout id can take (plans allow only lower-case letters, digits and dashes). */
const PARTITION = "~finished-work";
const WINDOW = "result";

/**
 * What a piece of work returned, under a key its every run computes the same (its inputs). The
 * durable host runs an activity again when it stopped before the completion was recorded; such a
 * re-run comes right after the first, while Graph still counts the first run's Conditional Access
 * and report calls against their one-second and ten-second limits, so calling again would earn
 * 429s and move the rollout's times. A re-run that finds its result returns it instead.
 */
export interface FinishedResults {
  find<T>(key: string): Promise<T | undefined>;
  save(key: string, result: unknown): Promise<void>;
}

export function storeFinishedResults(counters: CountersRepository): FinishedResults {
  return {
    async find<T>(key: string) {
      const row = await counters.find<{ result: unknown }>(PARTITION, WINDOW, encodeURIComponent(key));
      const result = row?.counters.result;
      return typeof result === "string" ? (JSON.parse(result) as T) : undefined;
    },
    async save(key, result) {
      await counters.upsertMany(PARTITION, WINDOW, [
        { userId: encodeURIComponent(key), counters: { result: JSON.stringify(result) } },
      ]);
    },
  };
}
