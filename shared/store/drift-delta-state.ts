import type { CountersRepository } from "./counters-repository";

/** Where a managed group's membership stood at the last drift check, for the next one to start from. */
export interface GroupDeltaRecord {
  /** The check that wrote this record (its pacing key): its re-run starts from `base`, not from `link`. */
  check: string;
  /** The delta link and member count that check started from (none: it read in full). */
  baseLink?: string;
  baseCount?: number;
  /** Graph's delta link after that check, and the members the group had then. */
  link: string;
  count: number;
}

export interface GroupDeltaState {
  load(groupId: string): Promise<GroupDeltaRecord | undefined>;
  save(groupId: string, record: GroupDeltaRecord): Promise<void>;
}

/** The window of the rollout's counters partition that holds the links (one row per group). */
export const DRIFT_DELTA_WINDOW = "drift-delta";

/**
 * Per rollout and group, in the rollout's partition of the counters table: written once per drift
 * check, read at the next. A delta link is a few hundred characters; a group's row stays small.
 */
export function storeGroupDeltaState(counters: CountersRepository, rolloutId: string): GroupDeltaState {
  return {
    async load(groupId) {
      const row = await counters.find<GroupDeltaRecord>(rolloutId, DRIFT_DELTA_WINDOW, groupId.toLowerCase());
      const record = row?.counters;
      return record && typeof record.link === "string" && typeof record.count === "number"
        ? record
        : undefined;
    },
    async save(groupId, record) {
      await counters.upsertMany(rolloutId, DRIFT_DELTA_WINDOW, [
        { userId: groupId.toLowerCase(), counters: record },
      ]);
    },
  };
}

/** Process memory only: for tests. */
export function memoryGroupDeltaState(): GroupDeltaState {
  const rows = new Map<string, GroupDeltaRecord>();
  return {
    load: (groupId) => Promise.resolve(rows.get(groupId.toLowerCase())),
    save: (groupId, record) => {
      rows.set(groupId.toLowerCase(), record);
      return Promise.resolve();
    },
  };
}
