import type { User } from "@microsoft/microsoft-graph-types";
import { runBatch } from "./batch";
import type { GraphHttp } from "./graph-http";
import { requestError } from "./graph-http";
import { assertGuids } from "./guid";
import { withQuery } from "./query";
import type { GraphRequestCounts } from "./request-counters";

export type UserSummary = Required<Pick<User, "id">> &
  Pick<User, "displayName" | "userPrincipalName" | "accountEnabled">;

/**
 * Reads users by id, 20 per `$batch`, for preflight checks (break-glass accounts exist and are
 * enabled). Unknown ids are listed, not thrown: the caller decides whether that blocks a rollout.
 */
export async function getUsers(
  http: GraphHttp,
  userIds: Iterable<string>,
  tally?: GraphRequestCounts,
): Promise<{ found: UserSummary[]; missing: string[] }> {
  const ids = [...new Set(assertGuids(userIds, "userId"))];
  const items = ids.map((id) => ({
    method: "GET" as const,
    path: withQuery(`/users/${id}`, { $select: "id,displayName,userPrincipalName,accountEnabled" }),
  }));
  const results = await runBatch(http, items, tally ? { tally } : {});
  const found: UserSummary[] = [];
  const missing: string[] = [];
  results.forEach((r, i) => {
    const id = ids[i] as string;
    if (r.status === 200) {
      const user = r.body as User;
      found.push({
        id: typeof user.id === "string" ? user.id : id,
        displayName: user.displayName ?? null,
        userPrincipalName: user.userPrincipalName ?? null,
        accountEnabled: user.accountEnabled ?? null,
      });
    } else if (r.status === 404) missing.push(id);
    else throw requestError(items[i] as (typeof items)[number], r);
  });
  return { found, missing };
}
