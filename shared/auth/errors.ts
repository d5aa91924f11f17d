/**
 * Authentication and authorization failures are two of the app's error kinds (shared/errors.ts);
 * the HTTP layer answers them (401 with a Bearer challenge, 403 with a claims challenge). Their
 * messages never echo header contents (they may hold claims).
 */
import { ForbiddenError, UnauthenticatedError } from "../errors";

export { ForbiddenError, UnauthenticatedError };
export type AuthError = ForbiddenError | UnauthenticatedError;

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof UnauthenticatedError || error instanceof ForbiddenError;
}
