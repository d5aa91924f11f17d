import type { Principal } from "./client-principal";

/** What an audit row records about a person (shaped like the store's AuditActor). */
export interface AuditIdentity {
  /** One token for filtering: the UPN when the token has one, else the object id. */
  actor: string;
  /** The Entra object id (oid): stable when a UPN is renamed or handed to someone else. */
  actorId: string;
  /** The display name, for people reading the log. */
  actorName: string;
}

/**
 * The caller as the audit table records them. Display names hold spaces ("Jane Doe") and UPNs
 * can be renamed, so neither alone identifies anyone: the object id always travels with them.
 */
export function auditIdentity(principal: Principal): AuditIdentity {
  const upn = principal.upn?.trim();
  const actor = upn && !/\s/.test(upn) ? upn : principal.id;
  return { actor, actorId: principal.id, actorName: principal.name };
}
