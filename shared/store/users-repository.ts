import { randomUUID } from "node:crypto";
import type { TableClient, TableEntity } from "@azure/data-tables";
import type { Clock } from "../clock";
import { assertEntityFits } from "./entity-size";
import { NotFoundError } from "./errors";
import { assertKeyPart, isoTime, userPartitionKey } from "./keys";
import { emptyStageCounts, type StageCounts, type UserInput, type UserRecord } from "./records";
import { findEntity, iterateEntityPages, take, upsertInBatches } from "./table-ops";
import { userFromEntity, userQueryFilter, userToEntity, type UserQuery } from "./user-entity";
import {
  announceUsersChanged,
  readChangeToken,
  readUserSnapshot,
  withOwnWrite,
  type SnapshotState,
  type UserSlot,
} from "./user-snapshot";

type UserEntity = TableEntity<Record<string, unknown>>;

/**
 * A gate counts the same users three or four times within a second (its wave, the rollout, what
 * is left): one snapshot serves them all, without even a look at the change token.
 */
const SLOTS_REUSE_MS = 2_000;
/**
 * Past that, a snapshot in memory is served again while the change token is the one read before
 * it was taken, up to this age. Every refresh costs a query, and the emulator evaluates a query's
 * filter on every row of the table (hundreds of refreshes a rollout, each a full scan). A write
 * by any worker replaces the token once its rows are in; one that crashed before that shows up
 * at most this much later (and its activity's retry writes and announces again).
 */
const SLOTS_TRUST_MS = 60_000;
/** Rollouts whose last snapshot stays in memory (a 100,000-user one is a few MB). */
const KNOWN_SNAPSHOTS = 4;

export interface PageOptions {
  /** Entities per round trip, at most 1000. */
  pageSize?: number;
}

/**
 * The users table: PartitionKey = `${rolloutId}|${bucket}` (1,024 buckets by a hash of the user id,
 * see userBucket), RowKey = user object id. A rollout may hold 100k users, so reads stream page by
 * page and writes go in transactions of up to 100 rows of one bucket. Every row names the write
 * that last wrote it (`writeId`, one per call), so this process's snapshot need not read its own
 * writes back (see user-snapshot.ts).
 */
export class UsersRepository {
  /**
   * Per rollout, the last snapshot this process read or wrote, most recently used last. A write
   * through this repository only withdraws the trust in it (the next count refreshes); the
   * snapshot itself is kept, so the refresh reads the rows stamped since rather than the stored
   * document again, while that document is unchanged.
   */
  private readonly snapshots = new Map<string, { state: SnapshotState; at: number; token?: string }>();
  /** Per rollout, writes under way in this process, and whether two of them overlapped. */
  private readonly writing = new Map<string, { count: number; overlapped: boolean }>();

  constructor(
    private readonly client: TableClient,
    private readonly clock: Clock,
    private readonly batchConcurrency: number,
  ) {}

  /** Bulk upsert (replace) in batches; duplicate user ids collapse to the last one. Returns rows written. */
  async upsertMany(rolloutId: string, users: readonly UserInput[]): Promise<number> {
    assertKeyPart(rolloutId, "rollout id");
    const updatedAt = isoTime(this.clock.now());
    return this.write(rolloutId, (writeId) => {
      const entities = users.map((user) => this.entityOf(rolloutId, { ...user, updatedAt }, writeId));
      return { entities, run: () => upsertInBatches(this.client, entities, this.batchConcurrency) };
    });
  }

  /**
   * Moves users from the rows read (`from`) to new values (`to`), in batches. A row that gains or
   * keeps columns but loses none is merged rather than replaced: the emulator replaces a row by
   * deleting and re-inserting it, which at 100,000 rows costs twice a merge, and enforcing a wave
   * moves every one of its users. A row that loses a column (a reason, a retry date) is replaced.
   */
  async moveMany(rolloutId: string, moves: readonly { from: UserRecord; to: UserInput }[]): Promise<number> {
    assertKeyPart(rolloutId, "rollout id");
    const updatedAt = isoTime(this.clock.now());
    return this.write(rolloutId, (writeId) => {
      const merge = new Set<string>();
      const entities = moves.map(({ from, to }) => {
        const entity = this.entityOf(rolloutId, { ...to, updatedAt }, writeId);
        const before = userToEntity(rolloutId, from);
        if (before.rowKey === entity.rowKey && Object.keys(before).every((column) => column in entity)) {
          merge.add(entity.rowKey);
        }
        return entity;
      });
      const run = () =>
        upsertInBatches(this.client, entities, this.batchConcurrency, (entity) =>
          merge.has(entity.rowKey) ? "Merge" : "Replace",
        );
      return { entities, run };
    });
  }

  async upsert(rolloutId: string, user: UserInput): Promise<UserRecord> {
    assertKeyPart(rolloutId, "rollout id");
    const record: UserRecord = { ...user, updatedAt: isoTime(this.clock.now()) };
    let written: UserEntity | undefined;
    await this.write(rolloutId, (writeId) => {
      const entity = this.entityOf(rolloutId, record, writeId);
      written = entity;
      return { entities: [entity], run: async () => (await this.client.upsertEntity(entity, "Replace"), 1) };
    });
    return userFromEntity(written as UserEntity);
  }

  private entityOf(rolloutId: string, record: UserRecord, writeId: string): UserEntity {
    const entity = { ...userToEntity(rolloutId, record), writeId };
    assertEntityFits(entity, {
      table: this.client.tableName,
      partitionKey: entity.partitionKey,
      rowKey: record.userId,
    });
    return entity;
  }

  /**
   * Every users write: its rows (tagged with a fresh writeId), then the announcement, then the
   * write folded into this process's snapshot, unless another write of the rollout ran at the
   * same time here (the snapshot is then dropped and the next count reads the rows). A write that
   * fails part way is not folded in: the next refresh reads whatever of it landed.
   */
  private async write(
    rolloutId: string,
    prepare: (writeId: string) => { entities: readonly UserEntity[]; run: () => Promise<number> },
  ): Promise<number> {
    const writeId = randomUUID();
    const { entities, run } = prepare(writeId);
    this.distrust(rolloutId);
    const writing = this.writing.get(rolloutId) ?? { count: 0, overlapped: false };
    if (writing.count > 0) writing.overlapped = true;
    writing.count += 1;
    this.writing.set(rolloutId, writing);
    try {
      const written = await run();
      const announcedAt = await announceUsersChanged(this.client, rolloutId);
      if (writing.overlapped) this.snapshots.delete(rolloutId);
      else {
        const state = withOwnWrite(
          this.snapshots.get(rolloutId)?.state,
          { id: writeId, rows: entities.length, announcedAt },
          entities.map((entity) => [
            String(entity.rowKey),
            { waveIndex: Number(entity.waveIndex ?? 0), stage: entity.stage as UserSlot["stage"] },
          ]),
        );
        this.remember(rolloutId, { state, at: Date.now() });
      }
      return written;
    } finally {
      writing.count -= 1;
      if (writing.count === 0) this.writing.delete(rolloutId);
    }
  }

  async find(rolloutId: string, userId: string): Promise<UserRecord | undefined> {
    const entity = await findEntity(
      this.client,
      userPartitionKey(rolloutId, assertKeyPart(userId, "user id")),
      userId,
    );
    return entity && userFromEntity(entity);
  }

  async get(rolloutId: string, userId: string): Promise<UserRecord> {
    const record = await this.find(rolloutId, userId);
    if (!record) {
      throw new NotFoundError(
        { table: this.client.tableName, partitionKey: userPartitionKey(rolloutId, userId), rowKey: userId },
        "user",
      );
    }
    return record;
  }

  /** Pages of matching users (filtered by the service), e.g. 400 at a time for group membership calls. */
  async *iteratePages(
    rolloutId: string,
    query: UserQuery = {},
    options: PageOptions = {},
  ): AsyncGenerator<UserRecord[]> {
    const filter = userQueryFilter(assertKeyPart(rolloutId, "rollout id"), query);
    for await (const page of iterateEntityPages(this.client, { filter, pageSize: options.pageSize })) {
      yield page.map(userFromEntity);
    }
  }

  async *iterate(
    rolloutId: string,
    query: UserQuery = {},
    options: PageOptions = {},
  ): AsyncGenerator<UserRecord> {
    for await (const page of this.iteratePages(rolloutId, query, options)) yield* page;
  }

  /** At most `limit` users (default 1000): for status pages and tests, not for whole populations. */
  async list(rolloutId: string, query: UserQuery = {}, limit = 1000): Promise<UserRecord[]> {
    return take(this.iterate(rolloutId, query, { pageSize: Math.min(limit, 1000) }), limit);
  }

  /**
   * Every user's wave and stage (see user-snapshot.ts): for counting and for splitting the
   * population into cohorts without reading every row. `fresh` always reads the change token, so
   * the answer holds every write announced before the call, not only this process's own.
   */
  async slots(rolloutId: string, options: { fresh?: boolean } = {}): Promise<ReadonlyMap<string, UserSlot>> {
    assertKeyPart(rolloutId, "rollout id");
    const cached = this.snapshots.get(rolloutId);
    const trusted = cached?.token !== undefined ? cached : undefined;
    const age = trusted ? Date.now() - trusted.at : Infinity;
    if (trusted && age < SLOTS_REUSE_MS && !options.fresh) return trusted.state.slots;
    const at = Date.now();
    // Read before the snapshot: a write announced after this shows up as a new token next time.
    const token = await readChangeToken(this.client, rolloutId);
    if (trusted && age < SLOTS_TRUST_MS && trusted.token === token) return trusted.state.slots;
    const state = await readUserSnapshot(this.client, rolloutId, {
      now: isoTime(this.clock.now()),
      concurrency: this.batchConcurrency,
      ...(cached ? { known: cached.state } : {}),
    });
    this.remember(rolloutId, { state, at, token });
    return state.slots;
  }

  private remember(rolloutId: string, entry: { state: SnapshotState; at: number; token?: string }): void {
    this.snapshots.delete(rolloutId);
    this.snapshots.set(rolloutId, entry);
    // A host steering many rollouts keeps only the last few in memory.
    if (this.snapshots.size > KNOWN_SNAPSHOTS)
      this.snapshots.delete(this.snapshots.keys().next().value as string);
  }

  private distrust(rolloutId: string): void {
    const cached = this.snapshots.get(rolloutId);
    if (cached) delete cached.token;
  }

  /** Counts per stage (of one wave, or of the whole rollout), so the rollout row's counts can be refreshed. */
  async countByStage(rolloutId: string, query: Pick<UserQuery, "waveIndex"> = {}): Promise<StageCounts> {
    const counts = emptyStageCounts();
    for (const slot of (await this.slots(rolloutId)).values()) {
      if (query.waveIndex !== undefined && slot.waveIndex !== query.waveIndex) continue;
      if (slot.stage in counts) counts[slot.stage] += 1;
    }
    return counts;
  }
}
