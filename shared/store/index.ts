/** Table Storage adapter for the status tables (see README.md beside this file). */
export { createStatusStore, type StatusStore, type StatusStoreOptions } from "./status-store";
export {
  createTableClientFactory,
  storeOptionsFromConfig,
  type TableClientFactory,
  type TableConnectionOptions,
} from "./client-factory";
export {
  isStoreError,
  type StoreError,
  NotFoundError,
  AlreadyExistsError,
  ConcurrencyError,
  EntityTooLargeError,
  InvalidStoreInputError,
} from "./errors";
export type { UpdateOptions } from "./optimistic";
export type { AppendResult } from "./audit-repository";
export type { PageOptions } from "./users-repository";
export type { UserQuery } from "./user-entity";
export type { UserSlot } from "./user-snapshot";
export { tableNames, TABLE_KINDS, type TableNames, type TableKind } from "./table-names";
export * from "./records";
export type { RolloutsRepository, RolloutQuery } from "./rollouts-repository";
export type { WavesRepository } from "./waves-repository";
export type { UsersRepository } from "./users-repository";
export { moveUsers, movedUser, type StageMove } from "./move-users";
export type { GatesRepository } from "./gates-repository";
export type { AuditRepository } from "./audit-repository";
export type { NotificationOutbox, OutboxRow, OutboxRequest, OutboxState } from "./notification-outbox";
export type { CountersRepository } from "./counters-repository";
export { storePacingState } from "./pacing-state";
export { storeFinishedResults, type FinishedResults } from "./finished-results";
export {
  storeGroupDeltaState,
  memoryGroupDeltaState,
  type GroupDeltaState,
  type GroupDeltaRecord,
} from "./drift-delta-state";
export { readLateTail, saveLateTail } from "./late-tail-state";
export { serializeCounters, parseCounters, parseUserTally } from "./stored-counters";
