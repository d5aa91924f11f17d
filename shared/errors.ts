/**
 * The app's error taxonomy: every failure a caller can act on is one of a few kinds, whatever layer
 * throws it. Errors carry a kind, a machine code and a message safe to show; how a kind is answered
 * (an HTTP status, a log line) is the caller's layer's business (functions/http/with-http-errors.ts).
 * Shaped after azure-functions-nodejs-library's src/errors.ts: a few classes and one normaliser.
 */
export const ERROR_KINDS = [
  "invalidInput",
  "tooLarge",
  "unauthenticated",
  "forbidden",
  "notFound",
  "conflict",
  "unavailable",
  "internal",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface AppErrorOptions {
  cause?: unknown;
  /** Facts a caller may show beside the message (field problems, the problems of a plan). */
  details?: Record<string, unknown>;
}

export abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;
  readonly details: Record<string, unknown>;
  constructor(
    /** A stable, machine-readable name of what went wrong ("invalid_state", "break_glass"). */
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details ?? {};
  }
}

/** The caller's data is wrong; sending it again unchanged fails again. */
export class InvalidInputError extends AppError {
  readonly kind: ErrorKind = "invalidInput";
}

/** The request is larger than the app accepts. */
export class TooLargeError extends AppError {
  readonly kind: ErrorKind = "tooLarge";
}

/** No caller identity, or one that cannot be read. */
export class UnauthenticatedError extends AppError {
  readonly kind: ErrorKind = "unauthenticated";
  constructor(message: string) {
    super("unauthenticated", message);
  }
}

/** A known caller without the role (or the MFA) the operation needs. */
export class ForbiddenError extends AppError {
  readonly kind: ErrorKind = "forbidden";
  constructor(
    message: string,
    code: "forbidden" | "mfa_required" = "forbidden",
    /** A WWW-Authenticate claims challenge telling the client what token to fetch instead. */
    readonly challenge?: string,
  ) {
    super(code, message);
  }
}

/** The thing asked about does not exist. */
export class NotFoundError extends AppError {
  readonly kind: ErrorKind = "notFound";
}

/** The request is well formed but the current state forbids it (a rollout that is running, say). */
export class ConflictError extends AppError {
  readonly kind: ErrorKind = "conflict";
}

/** A dependency (Graph, storage, the durable extension) failed; trying later may succeed. */
export class UnavailableError extends AppError {
  readonly kind: ErrorKind = "unavailable";
}

/** Anything else: a defect. Its message is opaque; the original is its `cause`, for the logs. */
export class InternalError extends AppError {
  readonly kind: ErrorKind = "internal";
  constructor(cause: unknown) {
    super("internal", "the request failed unexpectedly; see the function logs", { cause });
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The one normaliser: any thrown value as an AppError (unexpected ones as InternalError). */
export function normalizeError(error: unknown): AppError {
  return isAppError(error) ? error : new InternalError(error);
}
