import { runBatch, type BatchItem, type BatchItemResult } from "./batch";
import { graphErrorOf } from "./errors";
import type { GraphHttp } from "./graph-http";
import { requestError } from "./graph-http";
import { assertGuid, assertGuids } from "./guid";
import { directoryObjectUrl, memberRefPath, membersRefCollectionPath } from "./member-ref";
import { forEachPage } from "./paging";
import { withQuery } from "./query";
import { emptyCounts, type GraphRequestCounts } from "./request-counters";

/** Graph's limit on references in one `members@odata.bind` PATCH. */
export const MAX_MEMBERS_PER_PATCH = 20;

export interface AddMembersResult {
  /** Users who became members in this call. */
  added: number;
  /** Users who were members already (success: the call is idempotent). */
  alreadyMembers: number;
  /** User ids Graph does not know: reported, not fatal for the others. */
  notFound: string[];
  /** HTTP requests this call made. */
  requests: number;
}

export interface RemoveMembersResult {
  removed: number;
  /** Not members (404): success, the call is idempotent. */
  notMembers: number;
  requests: number;
}

export interface MembershipOptions {
  /**
   * A just-created group can briefly answer 400 "objects being referenced do not exist" while the
   * directory replicates: wait this long and try again, this many times.
   */
  replicationRetryDelayMs?: number;
  replicationRetries?: number;
}

const ALREADY_MEMBER = /already exist/i;
const REFERENCED_MISSING = /referenced.*(do|does) not exist/i;

const isAlreadyMember = (r: BatchItemResult): boolean =>
  r.status === 400 && ALREADY_MEMBER.test(graphErrorOf(r.body).message ?? "");
const isReplicationLag = (r: BatchItemResult): boolean =>
  r.status === 400 && REFERENCED_MISSING.test(graphErrorOf(r.body).message ?? "");

/**
 * Adds users to a group: 20 per `PATCH /groups/{id}` with `members@odata.bind`, 20 PATCHes per
 * `$batch`, so 400 users per HTTP call. A PATCH adds all of its references or none, so a chunk
 * refused because one user is already a member or unknown is redone one member at a time
 * (`POST members/$ref`) to add the rest and report each user precisely.
 */
export async function addMembers(
  http: GraphHttp,
  groupId: string,
  userIds: Iterable<string>,
  options: MembershipOptions = {},
): Promise<AddMembersResult> {
  const group = assertGuid(groupId, "groupId");
  const users = [...new Set(assertGuids(userIds, "userId"))];
  const tally = emptyCounts();
  const result: AddMembersResult = { added: 0, alreadyMembers: 0, notFound: [], requests: 0 };
  const delayMs = options.replicationRetryDelayMs ?? 2_000;
  const lagRetries = options.replicationRetries ?? 3;

  let chunks = chunk(users, MAX_MEMBERS_PER_PATCH);
  const oneByOne: string[] = [];
  for (let round = 0; chunks.length > 0; round++) {
    const items: BatchItem[] = chunks.map((members) => ({
      method: "PATCH",
      path: `/groups/${group}`,
      body: { "members@odata.bind": members.map((id) => directoryObjectUrl(http.serviceRoot.root, id)) },
    }));
    const results = await runBatch(http, items, { tally });
    const lagging: string[][] = [];
    results.forEach((r, i) => {
      const members = chunks[i] as string[];
      if (r.status >= 200 && r.status < 300) result.added += members.length;
      else if (isReplicationLag(r) && round < lagRetries) lagging.push(members);
      else if (isAlreadyMember(r) || r.status === 404 || isReplicationLag(r)) oneByOne.push(...members);
      else throw requestError(items[i] as BatchItem, r);
    });
    if (lagging.length > 0) await http.sleep(delayMs);
    chunks = lagging;
  }

  let single = oneByOne;
  for (let round = 0; single.length > 0; round++) {
    const items: BatchItem[] = single.map((id) => ({
      method: "POST",
      path: membersRefCollectionPath(group),
      body: { "@odata.id": directoryObjectUrl(http.serviceRoot.root, id) },
    }));
    // Adding a member twice answers "already exist", counted below as success: safe to re-send.
    const results = await runBatch(http, items, { tally, idempotent: true });
    const lagging: string[] = [];
    results.forEach((r, i) => {
      const id = single[i] as string;
      if (r.status >= 200 && r.status < 300) result.added++;
      else if (isAlreadyMember(r)) result.alreadyMembers++;
      else if (isReplicationLag(r) && round < lagRetries) lagging.push(id);
      else if (r.status === 404 || isReplicationLag(r)) result.notFound.push(id);
      else throw requestError(items[i] as BatchItem, r);
    });
    if (lagging.length > 0) await http.sleep(delayMs);
    single = lagging;
  }
  result.requests = tally.total;
  return result;
}

/**
 * Removes users from a group with `DELETE /groups/{g}/members/{u}/$ref` (built only by
 * memberRefPath), 20 per `$batch`. A 404 means "not a member": success.
 */
export async function removeMembers(
  http: GraphHttp,
  groupId: string,
  userIds: Iterable<string>,
): Promise<RemoveMembersResult> {
  const group = assertGuid(groupId, "groupId");
  const users = [...new Set(assertGuids(userIds, "userId"))];
  const tally = emptyCounts();
  const items: BatchItem[] = users.map((id) => ({ method: "DELETE", path: memberRefPath(group, id) }));
  const results = await runBatch(http, items, { tally });
  const out: RemoveMembersResult = { removed: 0, notMembers: 0, requests: 0 };
  results.forEach((r, i) => {
    if (r.status >= 200 && r.status < 300) out.removed++;
    else if (r.status === 404) out.notMembers++;
    else throw requestError(items[i] as BatchItem, r);
  });
  out.requests = tally.total;
  return out;
}

/** Streams a group's member ids, up to 999 per page; nothing is kept between pages. */
export async function listGroupMemberIds(
  http: GraphHttp,
  groupId: string,
  onPage: (ids: string[]) => void | Promise<void>,
  tally?: GraphRequestCounts,
): Promise<{ pages: number; members: number }> {
  const path = withQuery(`/groups/${assertGuid(groupId, "groupId")}/members`, { $select: "id", $top: 999 });
  const { pages, items } = await forEachPage<{ id?: string }>(
    http,
    path,
    (page) => onPage(page.flatMap((m) => (typeof m.id === "string" ? [m.id] : []))),
    tally ? { tally } : {},
  );
  return { pages, members: items };
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
