import type { CountersRepository } from "./counters-repository";

/** Beside the rollout's counter windows, in its own partition of the counters table. */
const WINDOW = "finished-result";
/**
 * Where results were kept before they moved into the rollout's partition: a partition of their own
 * that no rollout id can take (plans allow only lower-case letters, digits and dashes). Still read,
 * so that an activity that crashed before an upgrade and runs again after it finds its result.
 */
const LEGACY_PARTITION = "~finished-work";
const LEGACY_WINDOW = "result";

/**
 * What a piece of work returned, under a key its every run computes the same (its inputs). The
 * durable host runs an activity again when it stopped before the completion was recorded; such a
 * re-run comes right after the first, while Graph still counts the first run's Conditional Access
 * and report calls against their one-second and ten-second limits, so calling again would earn
 * 429s and move the rollout's times. A re-run that finds its result returns it instead.
 *
 * The rows live in the rollout's partition (nothing reads a rollout's counters partition whole:
 * every query there is bounded to one window's RowKey range), so whatever removes a rollout's
 * partition removes them with it.
 */
export interface FinishedResults {
  find<T>(key: string): Promise<T | undefined>;
  save(key: string, result: unknown): Promise<void>;
}

export function storeFinishedResults(counters: CountersRepository, rolloutId: string): FinishedResults {
  const parse = <T>(row: { counters: { result: unknown } } | undefined): T | undefined => {
    const result = row?.counters.result;
    return typeof result === "string" ? (JSON.parse(result) as T) : undefined;
  };
  return {
    async find<T>(key: string) {
      const rowKey = encodeURIComponent(key);
      return (
        parse<T>(await counters.find<{ result: unknown }>(rolloutId, WINDOW, rowKey)) ??
        parse<T>(await counters.find<{ result: unknown }>(LEGACY_PARTITION, LEGACY_WINDOW, rowKey))
      );
    },
    async save(key, result) {
      await counters.upsertMany(rolloutId, WINDOW, [
        { userId: encodeURIComponent(key), counters: { result: JSON.stringify(result) } },
      ]);
    },
  };
}
