import type { StatusStore, UserRecord, UserSlot } from "../store";
import { belongsInEnforcedGroup } from "./reconcile-rules";

/** Who should be in the managed groups, lower-cased, and the excluded users' rows. */
export interface ExpectedMembers {
  enforced: ReadonlySet<string>;
  excluded: ReadonlySet<string>;
  /** Keyed by lower-cased id: they say where an excluded user goes back, and serve as found rows. */
  excludedRows: ReadonlyMap<string, UserRecord>;
}

/**
 * Above this many excluded users, one query for their stage is cheaper than a point read each.
 * Below it the query is the dear one: it filters on a column that is not a key, so the service
 * (and the emulator) scans every users row of the rollout.
 */
const EXCLUDED_POINT_READS_AT_MOST = 100;

interface SnapshotSets {
  enforced: ReadonlySet<string>;
  excludedIds: readonly string[];
}

/**
 * A snapshot's map is replaced, never changed, when a user's wave or stage changes, and the
 * repository hands out the same map while nothing did: checks between two changes share one pass
 * over (up to) the whole population.
 */
const setsBySnapshot = new WeakMap<ReadonlyMap<string, UserSlot>, SnapshotSets>();

function snapshotSets(slots: ReadonlyMap<string, UserSlot>): SnapshotSets {
  const known = setsBySnapshot.get(slots);
  if (known) return known;
  const enforced = new Set<string>();
  const excludedIds: string[] = [];
  for (const [id, slot] of slots) {
    if (slot.stage === "enforced") enforced.add(id.toLowerCase());
    else if (slot.stage === "excluded") excludedIds.push(id);
  }
  const sets = { enforced, excludedIds };
  setsBySnapshot.set(slots, sets);
  return sets;
}

async function excludedRowsOf(
  store: StatusStore,
  rolloutId: string,
  excludedIds: readonly string[],
): Promise<Map<string, UserRecord>> {
  const rows = new Map<string, UserRecord>();
  if (excludedIds.length > EXCLUDED_POINT_READS_AT_MOST) {
    for await (const page of store.users.iteratePages(rolloutId, { stage: "excluded" })) {
      for (const row of page) rows.set(row.userId.toLowerCase(), row);
    }
    return rows;
  }
  const found = await Promise.all(excludedIds.map((id) => store.users.find(rolloutId, id)));
  // A row moved on since the snapshot is not excluded any more, as the query would have said.
  for (const row of found) if (row?.stage === "excluded") rows.set(row.userId.toLowerCase(), row);
  return rows;
}

/**
 * The members a drift check expects: enforced users from the users snapshot (a few rows, not
 * every row), excluded users from their own rows, found through the snapshot too. The snapshot is
 * taken fresh (the change token read), so it holds every users write announced before the check.
 * An excluded user whose stage before the exclusion was `enforced` belongs in the enforced group
 * as well; one the snapshot still calls enforced is expected only in the excluded group.
 */
export async function expectedMembers(store: StatusStore, rolloutId: string): Promise<ExpectedMembers> {
  const sets = snapshotSets(await store.users.slots(rolloutId, { fresh: true }));
  const excludedRows = await excludedRowsOf(store, rolloutId, sets.excludedIds);
  if (excludedRows.size === 0) return { enforced: sets.enforced, excluded: new Set(), excludedRows };
  const enforced = new Set(sets.enforced);
  for (const [id, row] of excludedRows) {
    // After the snapshot's enforced users, as they were listed before (the order of the samples).
    enforced.delete(id);
    if (belongsInEnforcedGroup(row)) enforced.add(id);
  }
  return { enforced, excluded: new Set(excludedRows.keys()), excludedRows };
}
