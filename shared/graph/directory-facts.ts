import type { AdministrativeUnit, Group, SubscribedSku } from "@microsoft/microsoft-graph-types";
import { runBatch, type BatchItem } from "./batch";
import type { GraphHttp } from "./graph-http";
import { requestError } from "./graph-http";
import { assertGuids } from "./guid";
import { directoryObjectUrl, membersRefCollectionPath } from "./member-ref";
import { odataString, withQuery } from "./query";

/** What the preflight needs to know about a group the rollout manages. */
export interface GroupProtection {
  id: string;
  found: boolean;
  displayName?: string;
  isAssignableToRole?: boolean;
  /** Administrative units with isMemberManagementRestricted: true that hold the group. */
  restrictedAdministrativeUnits: string[];
  /**
   * Whether the app may change the group's members, from a harmless add of the nil object id
   * (404: allowed, nobody to add; 403: refused). Role-assignable groups need
   * RoleManagement.ReadWrite.Directory too, groups in a restricted-management administrative
   * unit a role assigned at that unit's scope: without them enforcement would fail half-way.
   */
  membersWritable?: boolean;
  /** The status of that probe, for the message. */
  membersWriteStatus?: number;
  /**
   * Administrative units whose properties came back empty: without AdministrativeUnit.Read.All
   * Graph lists them with id and type only, so whether they restrict management is unknown.
   */
  unreadableAdministrativeUnits: string[];
}

/** An object id no directory object has: a membership add aimed at it can never add anyone. */
const NOBODY = "00000000-0000-0000-0000-000000000000";

/**
 * Three requests per group in one `$batch`: the group's isAssignableToRole, the administrative
 * units it belongs to (the memberOf cast returns only administrativeUnit objects), and whether
 * the app may change its members (an add of nobody: 404 when allowed, 403 when not).
 */
export async function getGroupProtection(
  http: GraphHttp,
  groupIds: Iterable<string>,
): Promise<GroupProtection[]> {
  const ids = [...new Set(assertGuids(groupIds, "groupId"))];
  const items = ids.flatMap((id): BatchItem[] => [
    { method: "GET", path: withQuery(`/groups/${id}`, { $select: "id,displayName,isAssignableToRole" }) },
    {
      method: "GET",
      path: withQuery(`/groups/${id}/memberOf/microsoft.graph.administrativeUnit`, {
        $select: "id,displayName,isMemberManagementRestricted",
      }),
    },
    {
      method: "POST",
      path: membersRefCollectionPath(id),
      body: { "@odata.id": directoryObjectUrl(http.serviceRoot.root, NOBODY) },
    },
  ]);
  const results = await runBatch(http, items);
  return ids.map((id, n): GroupProtection => {
    const [groupAnswer, unitsAnswer, writeAnswer] = results.slice(3 * n, 3 * n + 3);
    if (!groupAnswer || !unitsAnswer || !writeAnswer) throw new Error(`no $batch answer for group ${id}`);
    if (groupAnswer.status === 404) {
      return { id, found: false, restrictedAdministrativeUnits: [], unreadableAdministrativeUnits: [] };
    }
    if (groupAnswer.status !== 200) throw requestError(items[3 * n] as BatchItem, groupAnswer);
    if (unitsAnswer.status !== 200) throw requestError(items[3 * n + 1] as BatchItem, unitsAnswer);
    const group = groupAnswer.body as Group;
    const units = ((unitsAnswer.body as { value?: AdministrativeUnit[] }).value ?? []).filter(
      (unit): unit is AdministrativeUnit & { id: string } => typeof unit.id === "string",
    );
    return {
      id,
      found: true,
      ...(typeof group.displayName === "string" ? { displayName: group.displayName } : {}),
      isAssignableToRole: group.isAssignableToRole === true,
      restrictedAdministrativeUnits: units
        .filter((u) => u.isMemberManagementRestricted === true)
        .map((u) => u.id),
      unreadableAdministrativeUnits: units
        .filter(
          (u) => u.isMemberManagementRestricted === undefined || u.isMemberManagementRestricted === null,
        )
        .map((u) => u.id),
      membersWritable: writeAnswer.status === 404,
      membersWriteStatus: writeAnswer.status,
    };
  });
}

/**
 * Read-only lookup by exact displayName (the preflight runs before setup creates anything).
 * Returns the ids of every group with that name, so the caller can report duplicates.
 */
export async function findGroupIdsByName(
  http: GraphHttp,
  displayNames: readonly string[],
): Promise<Map<string, string[]>> {
  const items = displayNames.map((name) => ({
    method: "GET" as const,
    path: withQuery("/groups", { $filter: `displayName eq ${odataString(name)}`, $select: "id,displayName" }),
  }));
  const results = await runBatch(http, items);
  const found = new Map<string, string[]>();
  displayNames.forEach((name, i) => {
    const answer = results[i];
    if (!answer || answer.status !== 200) {
      throw requestError(items[i] as (typeof items)[number], answer ?? { status: 500, body: undefined });
    }
    const groups = (answer.body as { value?: Group[] }).value ?? [];
    found.set(
      name,
      groups.filter((g) => g.displayName === name && typeof g.id === "string").map((g) => g.id as string),
    );
  });
  return found;
}

/** `GET /subscribedSkus`: a tenant has tens of SKUs at most, so one unpaged call. */
export async function listSubscribedSkus(http: GraphHttp): Promise<SubscribedSku[]> {
  const path = withQuery("/subscribedSkus", { $select: "skuId,skuPartNumber,capabilityStatus,servicePlans" });
  const answer = await http.sendOk({ method: "GET", path });
  return (answer.body as { value?: SubscribedSku[] }).value ?? [];
}
