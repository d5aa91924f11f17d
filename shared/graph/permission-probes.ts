import { runBatch, type BatchItem } from "./batch";
import { graphErrorOf } from "./errors";
import type { GraphHttp } from "./graph-http";
import { directoryObjectUrl, membersRefCollectionPath } from "./member-ref";
import type { GraphApplicationPermission } from "./permissions";
import { withQuery } from "./query";

/** An object id no directory object can have: probes aimed at it can never change anything. */
export const NIL_GUID = "00000000-0000-0000-0000-000000000000";

/**
 * One cheap call per application permission. Graph checks the token's permissions before it looks
 * the target up, so a call the app may make answers 404 (nothing there) or 400 (the body is
 * invalid on purpose) and a call it may not make answers 403 Authorization_RequestDenied. Write
 * permissions are probed with writes that cannot succeed: aimed at the nil object id, or a group
 * without its required properties. The answer that proves the grant is listed with each probe.
 */
export const PERMISSION_PROBES: Record<
  GraphApplicationPermission,
  (serviceRoot: string) => BatchItem & { grantedWhen: readonly number[] }
> = {
  "User.Read.All": () => ({
    method: "GET",
    path: withQuery(`/users/${NIL_GUID}`, { $select: "id" }),
    grantedWhen: [404, 200],
  }),
  "Group.Create": () => ({ method: "POST", path: "/groups", body: {}, grantedWhen: [400] }),
  "GroupMember.ReadWrite.All": (serviceRoot) => ({
    method: "POST",
    path: membersRefCollectionPath(NIL_GUID),
    body: { "@odata.id": directoryObjectUrl(serviceRoot, NIL_GUID) },
    grantedWhen: [404],
  }),
  // Not a Conditional Access URL: those allow about one call a second per tenant, and two CA
  // probes back to back would make the preflight wait (and setup, which follows, wait more).
  "Policy.Read.All": () => ({
    method: "GET",
    path: withQuery("/policies/authorizationPolicy", { $select: "id" }),
    grantedWhen: [200],
  }),
  "Policy.ReadWrite.ConditionalAccess": () => ({
    method: "PATCH",
    path: `/identity/conditionalAccess/policies/${NIL_GUID}`,
    body: {},
    grantedWhen: [404],
  }),
  "AuditLog.Read.All": () => ({
    method: "GET",
    path: withQuery("/reports/authenticationMethods/userRegistrationDetails", { $top: 1 }),
    grantedWhen: [200],
  }),
  "AdministrativeUnit.Read.All": () => ({
    method: "GET",
    path: withQuery(`/directory/administrativeUnits/${NIL_GUID}`, { $select: "id" }),
    grantedWhen: [404, 200],
  }),
  "LicenseAssignment.Read.All": () => ({
    method: "GET",
    path: withQuery("/subscribedSkus", { $select: "skuId" }),
    grantedWhen: [200],
  }),
};

/** What one probe saw; shared/preflight turns it into a check. */
export interface PermissionProbeAnswer {
  permission: string;
  /** The call that probed it, e.g. "PATCH /identity/conditionalAccess/policies/{nil}". */
  call: string;
  status: number;
  /** Graph's error code, when the answer carried one. */
  code?: string;
  /** The probe's status proves the permission is granted. */
  granted: boolean;
}

/** Sends the probes for `permissions` in one `$batch` (20 items per batch). */
export async function probePermissions(
  http: GraphHttp,
  permissions: readonly GraphApplicationPermission[],
): Promise<PermissionProbeAnswer[]> {
  const wanted = [...new Set(permissions)];
  const probes = wanted.map((permission) => PERMISSION_PROBES[permission](http.serviceRoot.root));
  const results = await runBatch(
    http,
    probes.map(({ grantedWhen: _grantedWhen, ...item }) => item),
  );
  return wanted.map((permission, i) => {
    const probe = probes[i] as (typeof probes)[number];
    const result = results[i] ?? { status: 0, headers: {}, body: undefined };
    const code = graphErrorOf(result.body).code;
    return {
      permission,
      call: `${probe.method} ${probe.path.split("?")[0]?.replaceAll(NIL_GUID, "{nil}")}`,
      status: result.status,
      ...(code ? { code } : {}),
      granted: probe.grantedWhen.includes(result.status),
    };
  });
}
