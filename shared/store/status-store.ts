import { AuditRepository } from "./audit-repository";
import {
  createTableClientFactory,
  type TableClientFactory,
  type TableConnectionOptions,
} from "./client-factory";
import { systemClock, type Clock } from "../clock";
import { CountersRepository } from "./counters-repository";
import { GatesRepository } from "./gates-repository";
import { NotificationOutbox } from "./notification-outbox";
import { RolloutsRepository } from "./rollouts-repository";
import { TABLE_KINDS, tableNames, type TableNames } from "./table-names";
import { ensureTable } from "./table-ops";
import { UsersRepository } from "./users-repository";
import { WavesRepository } from "./waves-repository";

export interface StatusStoreOptions extends TableConnectionOptions {
  /** Source of createdAt/updatedAt/audit times; the local host passes its virtual clock. */
  clock?: Clock;
  /** Transactions in flight at once during bulk writes (default 4). */
  batchConcurrency?: number;
  /** Create the tables if missing (default true); idempotent, so safe on every cold start. */
  createTables?: boolean;
  /** For tests and custom pipelines; overrides connectionString/endpoint. */
  clientFactory?: TableClientFactory;
}

export interface StatusStore {
  tableNames: TableNames;
  rollouts: RolloutsRepository;
  waves: WavesRepository;
  users: UsersRepository;
  gates: GatesRepository;
  audit: AuditRepository;
  /** Notifications waiting to be (or already) delivered, beside the audit rows that raised them. */
  notifications: NotificationOutbox;
  counters: CountersRepository;
  /** Creates any missing table; safe to call any number of times. */
  ensureTables(): Promise<void>;
}

export async function createStatusStore(options: StatusStoreOptions): Promise<StatusStore> {
  const names = tableNames(options.tablePrefix ?? "");
  const factory = options.clientFactory ?? createTableClientFactory(options);
  const clock = options.clock ?? systemClock;
  const concurrency = Math.max(1, options.batchConcurrency ?? 4);
  const clients = Object.fromEntries(TABLE_KINDS.map((kind) => [kind, factory(names[kind])])) as Record<
    (typeof TABLE_KINDS)[number],
    ReturnType<TableClientFactory>
  >;
  const store: StatusStore = {
    tableNames: names,
    rollouts: new RolloutsRepository(clients.rollouts, clock),
    waves: new WavesRepository(clients.waves, clock),
    users: new UsersRepository(clients.users, clock, concurrency),
    gates: new GatesRepository(clients.gates),
    audit: new AuditRepository(clients.audit, clock),
    notifications: new NotificationOutbox(clients.audit),
    counters: new CountersRepository(clients.counters, clock, concurrency),
    ensureTables: async () => {
      await Promise.all(TABLE_KINDS.map((kind) => ensureTable(clients[kind])));
    },
  };
  if (options.createTables ?? true) await store.ensureTables();
  return store;
}
