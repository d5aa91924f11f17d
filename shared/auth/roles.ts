import type { Principal } from "./client-principal";
import { ForbiddenError } from "./errors";

/** App role values of the API app registration (infra/app/entra-app.bicep defines the same). */
export const ROLES = {
  admin: "Rollout.Admin",
  reader: "Rollout.Reader",
} as const;

export type RolloutRole = (typeof ROLES)[keyof typeof ROLES];

/** read: GET endpoints and the status page; mutate: everything that changes a rollout. */
export type Access = "read" | "mutate";

export function canRead(principal: Principal): boolean {
  return principal.roles.includes(ROLES.reader) || principal.roles.includes(ROLES.admin);
}

export function canMutate(principal: Principal): boolean {
  return principal.roles.includes(ROLES.admin);
}

/** Throws ForbiddenError (403) unless the principal holds a role that allows `access`. */
export function authorize(principal: Principal, access: Access): void {
  const allowed = access === "mutate" ? canMutate(principal) : canRead(principal);
  if (allowed) return;
  const needed = access === "mutate" ? ROLES.admin : `${ROLES.reader} or ${ROLES.admin}`;
  throw new ForbiddenError(`this operation needs the ${needed} app role`);
}
