import { RestError } from "@azure/data-tables";
import { AppError, ConflictError, InvalidInputError, NotFoundError as AppNotFoundError } from "../errors";

/** Where a store error happened, so a message names the table and keys an operator can look up. */
export interface EntityLocation {
  table: string;
  partitionKey?: string;
  rowKey?: string;
}

function describe(location: EntityLocation): string {
  const keys = [
    location.partitionKey !== undefined ? `PartitionKey '${location.partitionKey}'` : undefined,
    location.rowKey !== undefined ? `RowKey '${location.rowKey}'` : undefined,
  ].filter(Boolean);
  return keys.length ? `table '${location.table}' (${keys.join(", ")})` : `table '${location.table}'`;
}

/** Store errors are the app's error kinds (shared/errors.ts) that also name the table and keys. */
export interface StoreError extends AppError {
  readonly location: EntityLocation | undefined;
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof AppError && "location" in error;
}

/** The row asked for is not there; the message names it as "<what> <row key> does not exist". */
export class NotFoundError extends AppNotFoundError implements StoreError {
  constructor(
    readonly location: EntityLocation,
    readonly what = "entity",
    options?: { cause?: unknown },
  ) {
    super("not_found", `${what} ${location.rowKey ?? location.partitionKey ?? ""} does not exist`, options);
  }

  /** Where exactly, for logs and operators (the message is meant for the caller). */
  get where(): string {
    return `No ${this.what} in ${describe(this.location)}`;
  }
}

/** Creating something that already exists (rollout id reused, entity created twice). */
export class AlreadyExistsError extends ConflictError implements StoreError {
  constructor(
    readonly location: EntityLocation,
    what = "entity",
    options?: { cause?: unknown },
  ) {
    super("already_exists", `The ${what} in ${describe(location)} already exists`, options);
  }
}

/** Someone else changed the row since it was read (HTTP 412 on If-Match). */
export class ConcurrencyError extends ConflictError implements StoreError {
  constructor(
    readonly location: EntityLocation,
    detail = "",
    options?: { cause?: unknown },
  ) {
    super(
      "concurrency",
      `The row in ${describe(location)} was changed by another writer since it was read${detail ? `: ${detail}` : ""}`,
      options,
    );
  }
}

/** An entity or one of its properties would exceed Table Storage limits; nothing was written. */
export class EntityTooLargeError extends InvalidInputError implements StoreError {
  constructor(
    readonly location: EntityLocation | undefined,
    detail: string,
  ) {
    super(
      "entity_too_large",
      `${location ? `Entity in ${describe(location)}` : "Entity"} is too large: ${detail}`,
    );
  }
}

/** Bad input rejected before any request (invalid key characters, bad names). */
export class InvalidStoreInputError extends InvalidInputError implements StoreError {
  readonly location = undefined;
  constructor(message: string) {
    super("invalid_input", message);
  }
}

/** HTTP status of a Table Storage error, or undefined when it is not a service response. */
export function restStatus(error: unknown): number | undefined {
  // Checked by name too: a RestError from another copy of core-rest-pipeline fails instanceof.
  if (error instanceof RestError || (error instanceof Error && error.name === "RestError")) {
    return (error as RestError).statusCode;
  }
  return undefined;
}

/**
 * Translates the service statuses callers must react to into typed errors; anything else is
 * rethrown unchanged so it is never mistaken for a normal outcome.
 */
export function translateError(error: unknown, location: EntityLocation, what = "entity"): never {
  switch (restStatus(error)) {
    case 404:
      throw new NotFoundError(location, what, { cause: error });
    case 409:
      throw new AlreadyExistsError(location, what, { cause: error });
    case 412:
      throw new ConcurrencyError(location, "", { cause: error });
    default:
      throw error;
  }
}
