import type { HttpResponseInit } from "@azure/functions";
import { authErrorResponse, isAuthError } from "../../shared/auth";
import { InvalidStoreInputError } from "../../shared/store";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { "content-type": "application/json", ...headers } };
}

export function problem(
  status: number,
  error: string,
  message: string,
  extra: object = {},
): HttpResponseInit {
  return json(status, { error, message, ...extra });
}

/** A failure the caller can fix: the message is safe to show and the status says why. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: object = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/**
 * Maps every failure to a response. Unexpected errors become a 500 with an opaque message: their
 * text may hold Graph or storage details that do not belong in a client's hands.
 */
export function errorResponse(error: unknown, log: (message: string) => void): HttpResponseInit {
  if (isAuthError(error)) return authErrorResponse(error);
  if (error instanceof HttpError) return problem(error.status, error.code, error.message, error.extra);
  // An id no table key can hold ("a#b", 600 characters...) came from the caller: their mistake.
  if (error instanceof InvalidStoreInputError) return problem(400, "invalid_input", error.message);
  log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return problem(500, "internal", "the request failed unexpectedly; see the function logs");
}
