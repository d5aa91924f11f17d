import { randomUUID } from "node:crypto";
import { odata, type TableClient } from "@azure/data-tables";
import { userSidePartition } from "./keys";
import { USER_STAGES, type UserStage } from "./records";
import { readDocument, readGeneration, writeDocument, type DocumentKeys } from "./table-documents";
import { findEntity, iterateEntityPages } from "./table-ops";
import { userQueryFilter } from "./user-entity";

/** Where a user stands, as far as counting and cohorts need. */
export interface UserSlot {
  waveIndex: number;
  stage: UserStage;
}

/**
 * Changes are found by the service's own Timestamp (one clock, unlike updatedAt, which follows
 * each writer's clock or the rehearsal's virtual one). Rows stamped up to this long before the
 * watermark are read again, for writes on other partition servers that commit a little late.
 */
export const SNAPSHOT_OVERLAP_MS = 5_000;

/**
 * Own writes a refresh leaves out at most: Table Storage allows 15 comparisons in a filter, and
 * the rollout's range and the watermark take three. Leaving out fewer only reads more.
 */
const MAX_LEFT_OUT_WRITES = 8;

interface SnapshotMeta {
  v: 1;
  /** The newest service Timestamp the snapshot has seen. */
  watermark: string;
}

/** [userId, waveIndex, index into USER_STAGES]. */
type SlotRow = [string, number, number];

/** Outside every user partition of the rollout, so no user query sees it. */
export function snapshotKeys(rolloutId: string): DocumentKeys {
  return {
    partitionKey: userSidePartition(rolloutId, "snapshot"),
    headRowKey: "head",
    bodyPrefix: (generation) => `g${generation}-`,
  };
}

/**
 * A users write this process made, once all its rows were in and it was announced. Every row it
 * wrote carries its id (the `writeId` column), so a refresh can leave out the rows whose newest
 * write is this one: their wave and stage are already in the snapshot that recorded the write.
 */
export interface OwnWrite {
  id: string;
  /** Rows it wrote: the larger a write, the more leaving it out of a refresh saves. */
  rows: number;
  /** The service Timestamp of its announcement, which came after all its rows. */
  announcedAt: string;
}

/**
 * A snapshot as this process last knew it: the stored generation it started from (undefined when
 * its own write lost a race, so the stored one is somebody else's), what it has read since, and
 * this process's own writes folded in since (see withOwnWrite).
 */
export interface SnapshotState {
  slots: ReadonlyMap<string, UserSlot>;
  watermark: string;
  generation: string | undefined;
  /** Writes folded into `slots` whose rows may still be stamped inside the next refresh's reach. */
  ownWrites: readonly OwnWrite[];
  /** `slots` holds writes the stored document does not. */
  unsaved: boolean;
}

/**
 * The snapshot with one of this process's writes folded in (rows in write order, the last of a
 * user winning, as the write itself does). Without a snapshot to fold into, it starts from an
 * empty one that has seen no row, so its next refresh reads every row but this write's: a
 * rollout's first write (100,000 users at setup) is not read back.
 *
 * Only a write no other write of the rollout overlapped in this process may be folded in: of two
 * concurrent writes of one row, which landed last is unknown.
 */
export function withOwnWrite(
  state: SnapshotState | undefined,
  write: OwnWrite,
  rows: Iterable<readonly [userId: string, slot: UserSlot]>,
): SnapshotState {
  const slots = new Map(state?.slots);
  for (const [userId, slot] of rows) slots.set(userId, slot);
  return {
    slots,
    watermark: state?.watermark ?? "",
    generation: state?.generation,
    ownWrites: [...(state?.ownWrites ?? []), write],
    unsaved: true,
  };
}

/**
 * Every user's wave and stage, kept as one document beside the users rows and brought up to date
 * from the rows the service has stamped since (Timestamp at or after the watermark, less an
 * overlap). Counting or grouping 100,000 users then reads a few rows and one short query, not
 * every row: Table Storage pages hold 1,000 entities, and the emulator re-sorts the whole match set
 * for every page.
 *
 * A `known` state stands in for reading the document (megabytes at 100,000 users) while its
 * generation is still the stored one, or while none is stored and it has seen no row (a refresh
 * then reads every row anyway). The rows of its own writes are then left out of the query: the
 * emulator scans the whole table for every page it serves, and re-reading a wave's 10,000 moved
 * users was most of what refreshing cost.
 */
export async function readUserSnapshot(
  client: TableClient,
  rolloutId: string,
  options: { now: string; concurrency: number; known?: SnapshotState },
): Promise<SnapshotState> {
  // An empty watermark (no row seen yet) means the next read starts from scratch.
  const keys = snapshotKeys(rolloutId);
  const base = (await knownBase(client, keys, options.known)) ?? (await readStored(client, keys));
  const known: ReadonlyMap<string, UserSlot> = base?.slots ?? new Map();
  // Copied at the first row that differs: while nothing did, readers keep the map they had.
  let slots: Map<string, UserSlot> | undefined;
  let filter = userQueryFilter(rolloutId);
  let watermark = base?.watermark ?? "";
  if (watermark) filter += odata` and Timestamp ge ${new Date(Date.parse(watermark) - SNAPSHOT_OVERLAP_MS)}`;
  const ownWrites = base?.ownWrites ?? [];
  // Every users row carries a writeId (see UsersRepository), so `ne` keeps all rows but these.
  const leftOut = [...ownWrites].sort((a, b) => b.rows - a.rows).slice(0, MAX_LEFT_OUT_WRITES);
  for (const write of leftOut) filter += odata` and writeId ne ${write.id}`;
  let changed = !base || base.unsaved;
  let read = 0;
  const select = ["RowKey", "waveIndex", "stage", "Timestamp"];
  for await (const page of iterateEntityPages(client, { filter, select })) {
    for (const row of page) {
      read += 1;
      const userId = String(row.rowKey);
      const slot: UserSlot = { waveIndex: Number(row.waveIndex ?? 0), stage: String(row.stage) as UserStage };
      const before = (slots ?? known).get(userId);
      if (!before || before.waveIndex !== slot.waveIndex || before.stage !== slot.stage) {
        changed = true;
        slots ??= new Map(known);
        slots.set(userId, slot);
      }
      const stamp = row.timestamp ? new Date(String(row.timestamp)).toISOString() : "";
      if (stamp > watermark) watermark = stamp;
    }
  }
  // An own write's rows were all stamped before its announcement, and this query began after it.
  for (const write of ownWrites) if (write.announcedAt > watermark) watermark = write.announcedAt;
  // Rows of a write stamped before the next query's reach need no leaving out any more.
  const reach = Date.parse(watermark) - SNAPSHOT_OVERLAP_MS;
  const stillOwn = ownWrites.filter((write) => Date.parse(write.announcedAt) >= reach);
  // Rows rewritten unchanged move the watermark too: past a page of them, save to stop re-reading.
  const current = slots ?? known;
  if (!changed && read <= 1000) {
    return { slots: current, watermark, generation: base?.generation, ownWrites: stillOwn, unsaved: false };
  }
  const body: SlotRow[] = [...current].map(([id, s]) => [id, s.waveIndex, USER_STAGES.indexOf(s.stage)]);
  // Losing a race to another writer is fine: its snapshot is as good as this one.
  const generation = await writeDocument<SnapshotMeta>(
    client,
    keys,
    { meta: { v: 1, watermark }, body: JSON.stringify(body) },
    options,
  );
  return { slots: current, watermark, generation, ownWrites: stillOwn, unsaved: false };
}

/**
 * The known state, when it can stand in for the stored document: it started from the stored
 * generation, or from nothing while nothing is stored (a rollout's first write). A state that
 * started from nothing beside a stored document would read every row; the document is cheaper.
 */
async function knownBase(
  client: TableClient,
  keys: DocumentKeys,
  known: SnapshotState | undefined,
): Promise<SnapshotState | undefined> {
  if (!known) return undefined;
  const head = await readGeneration(client, keys);
  if (known.generation !== undefined && head === known.generation) return known;
  if (known.watermark === "" && head === undefined) return known;
  return undefined;
}

async function readStored(client: TableClient, keys: DocumentKeys): Promise<SnapshotState | undefined> {
  const stored = await readDocument<SnapshotMeta>(client, keys);
  if (!stored) return undefined;
  const slots = new Map<string, UserSlot>();
  for (const [userId, waveIndex, stage] of JSON.parse(stored.body) as SlotRow[]) {
    slots.set(userId, { waveIndex, stage: USER_STAGES[stage] as UserStage });
  }
  return {
    slots,
    watermark: stored.meta.watermark,
    generation: stored.generation,
    ownWrites: [],
    unsaved: false,
  };
}

/** Beside the snapshot's rows: a token every users write replaces once its rows are in. */
const CHANGES_ROW = "changes";

/**
 * Says that users rows of the rollout changed. A reader that saw the same token before it last
 * read the snapshot has seen every write that announced itself since (see UsersRepository.slots).
 * Returns the announcement's service Timestamp, which follows every row of the write.
 */
export async function announceUsersChanged(client: TableClient, rolloutId: string): Promise<string> {
  const partitionKey = snapshotKeys(rolloutId).partitionKey;
  await client.upsertEntity({ partitionKey, rowKey: CHANGES_ROW, token: randomUUID() }, "Replace");
  const row = await findEntity(client, partitionKey, CHANGES_ROW);
  if (!row?.timestamp) throw new Error(`the users change token of ${rolloutId} has no Timestamp`);
  return new Date(row.timestamp).toISOString();
}

/** The token of the last announced write ("" before any). */
export async function readChangeToken(client: TableClient, rolloutId: string): Promise<string> {
  const row = await findEntity<{ token?: string }>(client, snapshotKeys(rolloutId).partitionKey, CHANGES_ROW);
  return row?.token ?? "";
}
