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
 * A snapshot as this process last knew it: the stored generation it started from (undefined when
 * its own write lost a race, so the stored one is somebody else's) and what it has read since.
 */
export interface SnapshotState {
  slots: ReadonlyMap<string, UserSlot>;
  watermark: string;
  generation: string | undefined;
}

/**
 * Every user's wave and stage, kept as one document beside the users rows and brought up to date
 * from the rows the service has stamped since (Timestamp at or after the watermark, less an
 * overlap). Counting or grouping 100,000 users then reads a few rows and one short query, not
 * every row: Table Storage pages hold 1,000 entities, and the emulator re-sorts the whole match set
 * for every page. A `known` state whose generation is still the stored one stands in for reading
 * the document (megabytes at 100,000 users): it holds that document and more.
 */
export async function readUserSnapshot(
  client: TableClient,
  rolloutId: string,
  options: { now: string; concurrency: number; known?: SnapshotState },
): Promise<SnapshotState> {
  // An empty watermark (no row seen yet) means the next read starts from scratch.
  const keys = snapshotKeys(rolloutId);
  const known = options.known;
  const head = known?.generation !== undefined ? await readGeneration(client, keys) : undefined;
  const base =
    known && head !== undefined && head === known.generation
      ? { slots: new Map(known.slots), watermark: known.watermark, generation: head }
      : await readStored(client, keys);
  const slots = base?.slots ?? new Map<string, UserSlot>();
  let filter = userQueryFilter(rolloutId);
  let watermark = base?.watermark ?? "";
  if (watermark) filter += odata` and Timestamp ge ${new Date(Date.parse(watermark) - SNAPSHOT_OVERLAP_MS)}`;
  let changed = !base;
  let read = 0;
  const select = ["RowKey", "waveIndex", "stage", "Timestamp"];
  for await (const page of iterateEntityPages(client, { filter, select })) {
    for (const row of page) {
      read += 1;
      const userId = String(row.rowKey);
      const slot: UserSlot = { waveIndex: Number(row.waveIndex ?? 0), stage: String(row.stage) as UserStage };
      const before = slots.get(userId);
      if (!before || before.waveIndex !== slot.waveIndex || before.stage !== slot.stage) changed = true;
      slots.set(userId, slot);
      const stamp = row.timestamp ? new Date(String(row.timestamp)).toISOString() : "";
      if (stamp > watermark) watermark = stamp;
    }
  }
  // Rows rewritten unchanged move the watermark too: past a page of them, save to stop re-reading.
  if (!changed && read <= 1000) return { slots, watermark, generation: base?.generation };
  const body: SlotRow[] = [...slots].map(([id, s]) => [id, s.waveIndex, USER_STAGES.indexOf(s.stage)]);
  // Losing a race to another writer is fine: its snapshot is as good as this one.
  const generation = await writeDocument<SnapshotMeta>(
    client,
    keys,
    { meta: { v: 1, watermark }, body: JSON.stringify(body) },
    options,
  );
  return { slots, watermark, generation };
}

async function readStored(
  client: TableClient,
  keys: DocumentKeys,
): Promise<{ slots: Map<string, UserSlot>; watermark: string; generation: string } | undefined> {
  const stored = await readDocument<SnapshotMeta>(client, keys);
  if (!stored) return undefined;
  const slots = new Map<string, UserSlot>();
  for (const [userId, waveIndex, stage] of JSON.parse(stored.body) as SlotRow[]) {
    slots.set(userId, { waveIndex, stage: USER_STAGES[stage] as UserStage });
  }
  return { slots, watermark: stored.meta.watermark, generation: stored.generation };
}

/** Beside the snapshot's rows: a token every users write replaces once its rows are in. */
const CHANGES_ROW = "changes";

/**
 * Says that users rows of the rollout changed. A reader that saw the same token before it last
 * read the snapshot has seen every write that announced itself since (see UsersRepository.slots).
 */
export async function announceUsersChanged(client: TableClient, rolloutId: string): Promise<void> {
  await client.upsertEntity(
    { partitionKey: snapshotKeys(rolloutId).partitionKey, rowKey: CHANGES_ROW, token: randomUUID() },
    "Replace",
  );
}

/** The token of the last announced write ("" before any). */
export async function readChangeToken(client: TableClient, rolloutId: string): Promise<string> {
  const row = await findEntity<{ token?: string }>(client, snapshotKeys(rolloutId).partitionKey, CHANGES_ROW);
  return row?.token ?? "";
}
