import type { UserRegistrationDetails } from "@microsoft/microsoft-graph-types";
import type { GraphHttp } from "./graph-http";
import { assertGuids } from "./guid";
import { forEachPage } from "./paging";
import type { GraphRequestCounts } from "./request-counters";

/**
 * Streams MFA registration state. Graph supports no filter on `id` for this report (only
 * booleans, methodsRegistered/any and userPrincipalName eq/startsWith), so a set of user ids is
 * served by reading every page and narrowing here: one sweep of the report costs fewer of the
 * 5-requests-per-10-s report budget than one UPN query per user.
 */
export async function streamRegistrationDetails(
  http: GraphHttp,
  input: {
    userIds?: ReadonlySet<string>;
    onPage: (details: UserRegistrationDetails[]) => void | Promise<void>;
    tally?: GraphRequestCounts;
  },
): Promise<{ pages: number; users: number }> {
  const users = input.userIds ? new Set(assertGuids(input.userIds, "userId")) : undefined;
  let count = 0;
  const { pages } = await forEachPage<UserRegistrationDetails>(
    http,
    "/reports/authenticationMethods/userRegistrationDetails",
    async (page) => {
      const kept = users
        ? page.filter((d) => typeof d.id === "string" && users.has(d.id.toLowerCase()))
        : page;
      count += kept.length;
      await input.onPage(kept);
    },
    input.tally ? { tally: input.tally } : {},
  );
  return { pages, users: count };
}
