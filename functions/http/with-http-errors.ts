import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { ForbiddenError, normalizeError, type AppError, type ErrorKind } from "#shared/errors";
import { problem } from "./responses";

/** The one mapping of the app's error kinds to HTTP statuses. */
const STATUS: Record<ErrorKind, number> = {
  invalidInput: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  internal: 500,
  unavailable: 503,
};

export function httpStatusOf(error: AppError): number {
  return STATUS[error.kind];
}

function challengeHeaders(error: AppError): Record<string, string> {
  if (error.kind === "unauthenticated") return { "www-authenticate": "Bearer" };
  if (error instanceof ForbiddenError && error.challenge) return { "www-authenticate": error.challenge };
  return {};
}

/**
 * Answers any failure. Unexpected errors become a 500 with an opaque message (their text may hold
 * Graph or storage details that do not belong in a client's hands) and are logged in full.
 */
export function errorResponse(thrown: unknown, log: (message: string) => void): HttpResponseInit {
  const error = normalizeError(thrown);
  if (error.kind === "internal") {
    const cause = error.cause;
    log(`unexpected error: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
  }
  const response = problem(httpStatusOf(error), error.code, error.message, error.details);
  return {
    ...response,
    headers: { ...(response.headers as Record<string, string>), ...challengeHeaders(error) },
  };
}

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

export interface HttpErrorOptions {
  /** How a failure is shown instead of the JSON problem (the report's HTML page). */
  render?: (status: number, error: AppError, response: HttpResponseInit) => HttpResponseInit;
}

/** Wraps an HTTP handler so every failure it throws is answered by the one mapping above. */
export function withHttpErrors(handler: Handler, options: HttpErrorOptions = {}): Handler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (thrown) {
      const response = errorResponse(thrown, (m) => context.error(m));
      return options.render
        ? options.render(response.status ?? 500, normalizeError(thrown), response)
        : response;
    }
  };
}
