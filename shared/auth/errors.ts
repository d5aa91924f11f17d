/**
 * Typed authentication and authorization failures. The HTTP layer maps them with
 * `authErrorResponse`; their messages never echo header contents (they may hold claims).
 */
export type AuthErrorCode = "unauthenticated" | "forbidden" | "mfa_required";

export abstract class AuthError extends Error {
  abstract readonly status: 401 | 403;
  abstract readonly code: AuthErrorCode;
}

/** No caller identity, or one we cannot read: 401. */
export class UnauthenticatedError extends AuthError {
  readonly status = 401 as const;
  readonly code = "unauthenticated" as const;
  constructor(message: string) {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** A known caller without the role (or the MFA) the operation needs: 403. */
export class ForbiddenError extends AuthError {
  readonly status = 403 as const;
  constructor(
    message: string,
    readonly code: "forbidden" | "mfa_required" = "forbidden",
    /** A WWW-Authenticate claims challenge telling the client what token to fetch instead. */
    readonly challenge?: string,
  ) {
    super(message);
    this.name = "ForbiddenError";
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}

/** Shaped like @azure/functions' HttpResponseInit, without depending on it. */
export interface AuthErrorResponse {
  status: 401 | 403;
  headers: Record<string, string>;
  jsonBody: { error: AuthErrorCode; message: string };
}

export function authErrorResponse(error: AuthError): AuthErrorResponse {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (error.status === 401) headers["www-authenticate"] = "Bearer";
  if (error instanceof ForbiddenError && error.challenge) headers["www-authenticate"] = error.challenge;
  return { status: error.status, headers, jsonBody: { error: error.code, message: error.message } };
}
