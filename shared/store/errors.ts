import { RestError } from "@azure/data-tables";

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

/** Base class: callers can catch every store error in one place and still tell them apart by class. */
export abstract class StoreError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly location: EntityLocation | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends StoreError {
  readonly code = "NotFound";
  constructor(location: EntityLocation, what = "entity", options?: { cause?: unknown }) {
    super(`No ${what} in ${describe(location)}`, location, options);
  }
}

/** Creating something that already exists (rollout id reused, entity created twice). */
export class AlreadyExistsError extends StoreError {
  readonly code = "AlreadyExists";
  constructor(location: EntityLocation, what = "entity", options?: { cause?: unknown }) {
    super(`The ${what} in ${describe(location)} already exists`, location, options);
  }
}

/** Someone else changed the row since it was read (HTTP 412 on If-Match). */
export class ConcurrencyError extends StoreError {
  readonly code = "Concurrency";
  constructor(location: EntityLocation, detail = "", options?: { cause?: unknown }) {
    super(
      `The row in ${describe(location)} was changed by another writer since it was read${detail ? `: ${detail}` : ""}`,
      location,
      options,
    );
  }
}

/** An entity or one of its properties would exceed Table Storage limits; nothing was written. */
export class EntityTooLargeError extends StoreError {
  readonly code = "EntityTooLarge";
  constructor(location: EntityLocation | undefined, detail: string) {
    super(`${location ? `Entity in ${describe(location)}` : "Entity"} is too large: ${detail}`, location);
  }
}

/** Bad input rejected before any request (invalid key characters, bad names). */
export class InvalidStoreInputError extends StoreError {
  readonly code = "InvalidInput";
  constructor(message: string) {
    super(message, undefined);
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
