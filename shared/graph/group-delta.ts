import { graphErrorOf } from "./errors";
import type { GraphHttp } from "./graph-http";
import { requestError } from "./graph-http";
import { assertGuid } from "./guid";
import { withQuery } from "./query";
import { relativeToServiceRoot } from "./service-root";

/** One member entry of `members@delta`: added (or present, in a first round) or removed. */
export interface MemberChange {
  id: string;
  removed: boolean;
}

export interface MemberDeltaResult {
  /** Where the next round starts: keep it (Graph's `@odata.deltaLink`). */
  deltaLink: string;
  /** The round listed whole memberships (no link given, or Graph said the link expired). */
  full: boolean;
  /** Groups the round named, lower-cased (in a full round, a group not named is gone). */
  groupsSeen: Set<string>;
  /** Groups Graph reported deleted (`@removed` on the group itself), lower-cased. */
  groupsRemoved: Set<string>;
  pages: number;
}

/**
 * Graph's answer to a delta link it can no longer serve: directory tokens last seven days, after
 * which it answers 410 Gone (or another 40X with `syncStateNotFound` and kin) and the client syncs
 * in full again (https://learn.microsoft.com/graph/delta-query-overview, "Synchronization reset",
 * "Token duration").
 */
export function isSyncReset(status: number, body: unknown): boolean {
  if (status === 410) return true;
  const code = graphErrorOf(body).code ?? "";
  return status >= 400 && status < 500 && /^(syncStateNotFound|syncStateInvalid|resyncRequired)$/i.test(code);
}

/**
 * One round of `groups/delta` for the given groups, membership only (`$select=members`): from
 * `deltaLink` when given (changes since), else the groups' whole memberships. Each page's member
 * entries go to `onMembers` and are dropped. A large group's members come over several pages, the
 * group repeated on each; removed entries carry `@removed` whether the membership was removed or
 * the user deleted.
 */
export async function groupMembersDelta(
  http: GraphHttp,
  input: {
    groupIds: readonly string[];
    deltaLink?: string;
    onMembers: (groupId: string, changes: MemberChange[]) => void | Promise<void>;
  },
): Promise<MemberDeltaResult> {
  const initial = withQuery("/groups/delta", {
    $filter: input.groupIds.map((id) => `id eq '${assertGuid(id, "groupId")}'`).join(" or "),
    $select: "members",
  });
  let full = input.deltaLink === undefined;
  let path = input.deltaLink ? relativeToServiceRoot(input.deltaLink, http.serviceRoot) : initial;
  let pages = 0;
  const groupsSeen = new Set<string>();
  const groupsRemoved = new Set<string>();
  for (;;) {
    const request = { method: "GET" as const, path };
    const response = await http.send(request);
    if (!full && pages === 0 && isSyncReset(response.status, response.body)) {
      full = true;
      path = initial;
      continue;
    }
    if (response.status !== 200) throw requestError(request, response);
    pages++;
    const body = response.body as {
      value?: unknown;
      "@odata.nextLink"?: unknown;
      "@odata.deltaLink"?: unknown;
    };
    if (!Array.isArray(body?.value)) throw new Error(`Graph GET ${path}: answer has no value array`);
    for (const group of body.value as { id?: unknown; "members@delta"?: unknown; "@removed"?: unknown }[]) {
      if (typeof group?.id !== "string") continue;
      const groupId = group.id.toLowerCase();
      groupsSeen.add(groupId);
      if (group["@removed"] !== undefined) groupsRemoved.add(groupId);
      const entries = Array.isArray(group["members@delta"]) ? group["members@delta"] : [];
      const changes: MemberChange[] = [];
      for (const entry of entries as { id?: unknown; "@removed"?: unknown }[]) {
        if (typeof entry?.id === "string")
          changes.push({ id: entry.id.toLowerCase(), removed: entry["@removed"] !== undefined });
      }
      await input.onMembers(groupId, changes);
    }
    const next = body["@odata.nextLink"];
    const delta = body["@odata.deltaLink"];
    if (typeof next === "string" && next !== "") {
      path = relativeToServiceRoot(next, http.serviceRoot);
      continue;
    }
    if (typeof delta !== "string" || delta === "")
      throw new Error(`Graph GET ${path}: a delta round ended without @odata.deltaLink`);
    return { deltaLink: delta, full, groupsSeen, groupsRemoved, pages };
  }
}
