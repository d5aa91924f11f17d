import type { SignIn } from "@microsoft/microsoft-graph-types";
import { createdTimeTest, isoSeconds } from "../domain/signins/sign-in-time";
import { GraphRequestError } from "./errors";
import type { GraphHttp } from "./graph-http";
import { assertGuids } from "./guid";
import { lowerCaseId } from "../domain/signins/sign-in-counters";
import { forEachPage } from "./paging";
import { odataString, withQuery } from "./query";
import type { GraphRequestCounts } from "./request-counters";

/**
 * Without this header Graph reports every reportOnly* result of appliedConditionalAccessPolicies
 * as unknownFutureValue (evolvable enums), and the report-only evidence the readiness gate needs
 * disappears. It is sent on every page.
 */
export const PREFER_UNKNOWN_ENUMS = "include-unknown-enum-members";

/** Graph's maximum (and default) sign-in page size. */
export const SIGN_IN_PAGE_SIZE = 1000;

/**
 * The properties counting reads (the gate counters, the preview, retries of held-back users):
 * asked for with $select, since sign-in pages are by far the largest thing the app reads and a
 * whole signIn is about twice this. A service that ignored $select would only send more.
 */
export const SIGN_IN_FIELDS = [
  "id",
  "createdDateTime",
  "userId",
  "appId",
  "appDisplayName",
  "clientAppUsed",
  "status",
  "deviceDetail",
  "appliedConditionalAccessPolicies",
  // Attempts: the rows of one sign-in share a correlation id; a non-interactive one cannot retry.
  "correlationId",
  "isInteractive",
] as const satisfies readonly (keyof SignIn)[];

/** Default of maxServerSideUsers. */
export const MAX_SERVER_SIDE_USERS = 50;

/**
 * The userIds to pass with `narrow: false`, for a caller that looks every sign-in's user up itself
 * (the gate counters): a set small enough for the server to filter on, which saves reading other
 * users' pages; none for a larger one, which the server would not filter on anyway.
 */
export function serverSideUserIds(users: {
  size: number;
  keys(): Iterable<string>;
}): Set<string> | undefined {
  return users.size <= MAX_SERVER_SIDE_USERS ? new Set(users.keys()) : undefined;
}

export interface StreamSignInsInput {
  /** Only these users' sign-ins; all users when absent. */
  userIds?: ReadonlySet<string>;
  /** Inclusive bounds on createdDateTime. */
  from: Date;
  to: Date;
  /** Receives each page (narrowed to userIds and [from, to], see `narrow`); nothing is kept after. */
  onPage: (signIns: SignIn[]) => void | Promise<void>;
  /**
   * false hands pages over as Graph filtered them: [from, to] widened to whole seconds, and the
   * user filter only when it went to the server. For a caller that tests every sign-in's time and
   * user itself (the gate counters), which saves a pass over each page. Default true.
   */
  narrow?: boolean;
  /**
   * Up to this many users are asked for server-side (`userId eq` clauses, `usersPerQuery` per
   * request); a larger set reads the whole window once and filters here. Reports allow about
   * 5 requests per 10 s, so many small per-user queries would cost more than one sweep.
   */
  maxServerSideUsers?: number;
  usersPerQuery?: number;
  tally?: GraphRequestCounts;
}

export interface StreamSignInsResult {
  /** Pages read from Graph. */
  pages: number;
  /** Sign-ins handed to onPage. */
  signIns: number;
}

export async function streamSignIns(
  http: GraphHttp,
  input: StreamSignInsInput,
): Promise<StreamSignInsResult> {
  const from = input.from.getTime();
  const to = input.to.getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
    throw new RangeError(
      `streamSignIns needs from <= to (got ${input.from.toISOString?.()} .. ${input.to.toISOString?.()})`,
    );
  }
  const users = input.userIds ? new Set(assertGuids(input.userIds, "userId")) : undefined;
  const result: StreamSignInsResult = { pages: 0, signIns: 0 };
  if (users && users.size === 0) return result;

  const timeFilter = `createdDateTime ge ${isoSeconds(from, "floor")} and createdDateTime le ${isoSeconds(to, "ceil")}`;
  const maxServerSide = input.maxServerSideUsers ?? MAX_SERVER_SIDE_USERS;
  const perQuery = Math.max(1, input.usersPerQuery ?? 10);
  const filters: string[] = [];
  if (users && users.size <= maxServerSide) {
    const list = [...users];
    for (let i = 0; i < list.length; i += perQuery) {
      const clause = list
        .slice(i, i + perQuery)
        .map((id) => `userId eq ${odataString(id)}`)
        .join(" or ");
      filters.push(`${timeFilter} and (${clause})`);
    }
  } else {
    filters.push(timeFilter);
  }

  // The server filter is rounded to whole seconds; the exact window and user set are applied here.
  const inWindow = createdTimeTest(from, to);
  const keep = (s: SignIn): boolean => {
    if (!inWindow(s.createdDateTime)) return false;
    if (!users) return true;
    const id = s.userId;
    // The set holds lower-case ids: a hit needs no case check, a miss checks for upper case.
    if (typeof id !== "string") return false;
    if (users.has(id)) return true;
    const lower = lowerCaseId(id);
    return lower !== id && users.has(lower);
  };
  for (const filter of filters) {
    const read = (select: boolean) =>
      forEachPage<SignIn>(
        http,
        withQuery("/auditLogs/signIns", {
          $filter: filter,
          ...(select ? { $select: SIGN_IN_FIELDS.join(",") } : {}),
          $top: SIGN_IN_PAGE_SIZE,
        }),
        async (page) => {
          handed = true;
          const kept = input.narrow === false ? page : page.filter(keep);
          result.signIns += kept.length;
          await input.onPage(kept);
        },
        {
          headers: { Prefer: PREFER_UNKNOWN_ENUMS },
          readAhead: true,
          ...(input.tally ? { tally: input.tally } : {}),
        },
      );
    let handed = false;
    const select = !selectRefused.has(http);
    try {
      result.pages += (await read(select)).pages;
    } catch (error) {
      // Graph documents only $filter, $top and $skiptoken for sign-ins: should it ever refuse
      // $select, whole sign-ins count the same (nothing was handed over yet, so none twice).
      if (!select || handed || !(error instanceof GraphRequestError) || error.status !== 400) throw error;
      result.pages += (await read(false)).pages;
      selectRefused.add(http);
    }
  }
  return result;
}

/** Gateways whose Graph answered 400 to a selected sign-in read: they read whole sign-ins. */
const selectRefused = new WeakSet<GraphHttp>();
