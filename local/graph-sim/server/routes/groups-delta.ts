import { SimGraphError } from "../../tenant/tenant-port";
import { badRequest, errorResponse } from "../errors";
import { ok, odataContext, parseSelect } from "../collection";
import type { RouteDef } from "../router";
import { directoryCost } from "../throttling";
import type { RouteContext, SimResponse } from "../types";

/**
 * `GET /groups/delta` as Microsoft documents it (https://learn.microsoft.com/graph/delta-query-overview,
 * .../delta-query-groups, .../api/group-delta):
 * - the first round lists each group with its members in `members@delta`; later rounds, from the
 *   `@odata.deltaLink`, list only groups whose membership changed, with added members as
 *   `{"@odata.type": "#microsoft.graph.user", id}` and removed ones (membership removed or user
 *   deleted alike) with `"@removed": {"reason": "deleted"}`;
 * - a large group's members are split over several pages, the same group object repeated on each;
 * - `$filter` scopes to groups by `id eq '…'` joined with `or`, nothing else; `$select=members`
 *   tracks membership only; the query is encoded in the tokens and not repeated;
 * - directory tokens last seven days: an older one answers 410 Gone with `syncStateNotFound` and a
 *   Location header holding the initial query, and the client must sync in full again.
 * Page size is not documented: 999 member entries, the most a member list gives, is used.
 * Changes are numbered tenant-wide, so a change made while a round is paged is reported again in
 * the next round (Graph documents such replays).
 */
export const DELTA_PAGE_ENTRIES = 999;
export const DELTA_TOKEN_LIFETIME_MS = 7 * 86_400_000;

interface DeltaState {
  /** Group ids of the $filter, or null for every group. */
  groups: string[] | null;
  members: boolean;
  /** Changes after this number are reported; null: the first round (full state). */
  since: number | null;
  /** The number the round's deltaLink will carry. */
  upTo: number;
  issuedAt: number;
  /** Member entries already handed out in this round. */
  offset: number;
}

function parseGroupFilter(filter: string | null): string[] | null {
  if (filter === null || filter.trim() === "") return null;
  const ids: string[] = [];
  for (const clause of filter.trim().split(/\s+or\s+/i)) {
    const match = /^\(?\s*id\s+eq\s+'([0-9a-fA-F-]{36})'\s*\)?$/.exec(clause.trim());
    if (!match?.[1]) {
      throw badRequest(
        "groups/delta supports $filter only on id with 'eq', joined by 'or'.",
        "Request_UnsupportedQuery",
      );
    }
    ids.push(match[1].toLowerCase());
  }
  return ids;
}

function stateOf(ctx: RouteContext, version: number): DeltaState {
  const query = ctx.req.query;
  const skip = query.get("$skiptoken") ?? query.get("$skipToken");
  const delta = query.get("$deltatoken") ?? query.get("$deltaToken");
  if (skip !== null) return ctx.tokens.decode<DeltaState>("groups-delta", skip);
  if (delta !== null && delta !== "") {
    const from = ctx.tokens.decode<DeltaState>("groups-delta", delta);
    return { ...from, since: from.upTo, upTo: version, issuedAt: from.issuedAt, offset: 0 };
  }
  const select = parseSelect(query);
  return {
    groups: parseGroupFilter(query.get("$filter")),
    members: !select || select.some((s) => s.toLowerCase() === "members"),
    since: null,
    upTo: version,
    issuedAt: ctx.clock.now().getTime(),
    offset: 0,
  };
}

function initialQuery(ctx: RouteContext, state: DeltaState): string {
  const params = new URLSearchParams();
  if (state.groups) params.set("$filter", state.groups.map((id) => `id eq '${id}'`).join(" or "));
  if (state.members) params.set("$select", "members");
  const query = params.toString();
  return `${ctx.serviceRoot}/groups/delta${query ? `?${query}` : ""}`;
}

type Entry = { id: string; member: boolean };

function entriesOf(ctx: RouteContext, groupId: string, since: number | null): readonly Entry[] {
  if (since === null) return ctx.tenant.listMemberIds(groupId).map((id) => ({ id, member: true }));
  return ctx.tenant.memberChangesSince?.(groupId, since) ?? [];
}

function memberDelta(entry: Entry): Record<string, unknown> {
  return entry.member
    ? { "@odata.type": "#microsoft.graph.user", id: entry.id }
    : { "@odata.type": "#microsoft.graph.user", id: entry.id, "@removed": { reason: "deleted" } };
}

function answer(ctx: RouteContext): SimResponse {
  const version = ctx.tenant.membershipVersion?.();
  if (version === undefined) {
    throw new SimGraphError(501, "NotImplemented", "This tenant model does not track membership changes.");
  }
  const state = stateOf(ctx, version);
  const now = ctx.clock.now().getTime();
  if (now - state.issuedAt > DELTA_TOKEN_LIFETIME_MS) {
    return errorResponse(
      410,
      "syncStateNotFound",
      "The sync state for this delta token was not found; start a full sync.",
      ctx.clock.now(),
      undefined,
      { Location: initialQuery(ctx, state) },
    );
  }
  const groupIds = state.groups ?? ctx.tenant.listGroups().map((g) => (g.id ?? "").toLowerCase());
  const value: Record<string, unknown>[] = [];
  let skip = state.offset;
  let room = DELTA_PAGE_ENTRIES;
  let handed = 0;
  let more = false;
  for (const groupId of groupIds) {
    if (!ctx.tenant.getGroup(groupId)) continue;
    const entries = state.members ? entriesOf(ctx, groupId, state.since) : [];
    // A group with nothing to say takes one slot: listed in the first round, left out later.
    const size = Math.max(1, entries.length);
    if (skip >= size) {
      skip -= size;
      continue;
    }
    if (room === 0) {
      more = true;
      break;
    }
    const slice = entries.slice(skip, skip + room);
    const taken = Math.max(1, slice.length);
    const rest = size - skip - taken;
    skip = 0;
    room -= taken;
    handed += taken;
    if (entries.length > 0 || state.since === null)
      value.push({ id: groupId, ...(slice.length > 0 ? { "members@delta": slice.map(memberDelta) } : {}) });
    if (rest > 0) {
      more = true;
      break;
    }
  }
  const body: Record<string, unknown> = { "@odata.context": odataContext(ctx, "groups") };
  if (more) {
    const token = ctx.tokens.encode("groups-delta", { ...state, offset: state.offset + handed });
    body["@odata.nextLink"] = `${ctx.serviceRoot}/groups/delta?$skiptoken=${encodeURIComponent(token)}`;
  } else {
    const token = ctx.tokens.encode("groups-delta", { ...state, since: null, offset: 0, issuedAt: now });
    body["@odata.deltaLink"] = `${ctx.serviceRoot}/groups/delta?$deltatoken=${encodeURIComponent(token)}`;
  }
  body.value = value;
  return ok(body);
}

export const groupDeltaRoutes: RouteDef[] = [
  {
    name: "groups.delta",
    method: "GET",
    pattern: "groups/delta",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: answer,
  },
];
