import type { SignIn } from "@microsoft/microsoft-graph-types";
import type { SignInQuery } from "../../tenant/tenant-port";
import { SimGraphError } from "../../tenant/tenant-port";
import { applySelect, collection, parseSelect, parseTop } from "../collection";
import { compileFilter, conjuncts, type FilterNode, type FilterSchema } from "../odata-filter";
import type { RouteDef } from "../router";
import type { RouteContext } from "../types";

/** Graph's documented sign-in filters (Microsoft Graph v1.0 "List signIns": supported $filter properties); anything else is a 400. */
export const signInFilterSchema: FilterSchema = {
  errorCode: "BadRequest",
  properties: {
    id: { type: "string", ops: ["eq"] },
    appId: { type: "string", ops: ["eq"] },
    clientAppUsed: { type: "string", ops: ["eq"] },
    conditionalAccessStatus: { type: "string", ops: ["eq"] },
    correlationId: { type: "string", ops: ["eq"] },
    resourceId: { type: "string", ops: ["eq"] },
    userId: { type: "string", ops: ["eq"] },
    "status/errorCode": { type: "number", ops: ["eq"] },
    appDisplayName: { type: "string", ops: ["eq", "startsWith"] },
    userPrincipalName: { type: "string", ops: ["eq", "startsWith"] },
    ipAddress: { type: "string", ops: ["eq", "startsWith"] },
    "deviceDetail/browser": { type: "string", ops: ["eq", "startsWith"] },
    "deviceDetail/operatingSystem": { type: "string", ops: ["eq", "startsWith"] },
    createdDateTime: { type: "datetime", ops: ["eq", "ge", "le"] },
  },
};

export const MAX_SIGN_IN_PAGE = 1000;
/** Entra ID P1/P2 keeps 30 days of sign-ins; without a createdDateTime bound that is the window. */
export const SIGN_IN_RETENTION_MS = 30 * 24 * 3600 * 1000;
const INCLUDE_UNKNOWN = "include-unknown-enum-members";

interface SignInCursor {
  filter: string | null;
  select: string | null;
  top: number;
  after: { createdDateTime: string; id: string };
}

/** Narrows generation with the top-level `and` terms; the full predicate still filters after. */
export function signInBounds(
  ast: FilterNode | undefined,
  now: Date,
  resolveUpn: (upn: string) => string | undefined = () => undefined,
): Omit<SignInQuery, "after"> {
  let from = now.getTime() - SIGN_IN_RETENTION_MS;
  let to = now.getTime();
  let userIds: Set<string> | undefined;
  for (const term of ast ? conjuncts(ast) : []) {
    if (term.kind === "compare" && term.property === "createdDateTime" && term.value.type === "datetime") {
      const at = Date.parse(term.value.value);
      if (term.op === "ge" || term.op === "eq") from = Math.max(from, at);
      if (term.op === "le" || term.op === "eq") to = Math.min(to, at);
    }
    const ids = userIdsOf(term, resolveUpn);
    if (ids && !userIds) userIds = ids;
  }
  return { from: new Date(from), to: new Date(Math.max(from, to)), ...(userIds ? { userIds } : {}) };
}

/**
 * `userId eq 'a'`, `userPrincipalName eq 'x'` (when the directory still knows the UPN) and `or`s of
 * them: the users the answer can contain.
 */
function userIdsOf(
  node: FilterNode,
  resolveUpn: (upn: string) => string | undefined,
): Set<string> | undefined {
  if (node.kind === "compare" && node.op === "eq" && node.value.type === "string") {
    if (node.property === "userId") return new Set([node.value.value]);
    if (node.property === "userPrincipalName") {
      const id = resolveUpn(node.value.value);
      return id === undefined ? undefined : new Set([id]);
    }
  }
  if (node.kind === "or") {
    const left = userIdsOf(node.left, resolveUpn);
    const right = userIdsOf(node.right, resolveUpn);
    return left && right ? new Set([...left, ...right]) : undefined;
  }
  return undefined;
}

/** Whether the filter is only `createdDateTime` bounds, all of which signInBounds applies. */
export function timeBoundsOnly(ast: FilterNode): boolean {
  return conjuncts(ast).every(
    (term) =>
      term.kind === "compare" &&
      term.property === "createdDateTime" &&
      term.value.type === "datetime" &&
      (term.op === "ge" || term.op === "le" || term.op === "eq"),
  );
}

export function prefersUnknownEnumMembers(preferHeader: string | undefined): boolean {
  return (preferHeader ?? "")
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .includes(INCLUDE_UNKNOWN);
}

/**
 * Graph's evolvable-enum rule: reportOnly* results were added after unknownFutureValue, so without
 * the Prefer header they are sent as unknownFutureValue.
 */
export function hideEvolvedEnumMembers(signIn: SignIn): SignIn {
  if (!signIn.appliedConditionalAccessPolicies) return signIn;
  return {
    ...signIn,
    appliedConditionalAccessPolicies: signIn.appliedConditionalAccessPolicies.map((policy) =>
      typeof policy.result === "string" && policy.result.startsWith("reportOnly")
        ? { ...policy, result: "unknownFutureValue" }
        : policy,
    ),
  };
}

function readQuery(ctx: RouteContext): Omit<SignInCursor, "after"> & { after?: SignInCursor["after"] } {
  const token = ctx.req.query.get("$skiptoken");
  if (token !== null) {
    const cursor = ctx.tokens.decode<SignInCursor>("signIns", token);
    const after = cursor.after as { createdDateTime?: unknown; id?: unknown } | undefined;
    if (
      typeof after?.createdDateTime !== "string" ||
      typeof after.id !== "string" ||
      !Number.isInteger(cursor.top)
    ) {
      throw new SimGraphError(400, "BadRequest", "Invalid $skiptoken.");
    }
    return cursor;
  }
  return {
    filter: ctx.req.query.get("$filter"),
    select: ctx.req.query.get("$select"),
    top: parseTop(ctx.req.query, MAX_SIGN_IN_PAGE, MAX_SIGN_IN_PAGE),
  };
}

export const signInRoutes: RouteDef[] = [
  {
    name: "signIns.list",
    method: "GET",
    pattern: "auditLogs/signIns",
    throttle: () => ({ category: "reports", resourceUnits: 1, writes: 0 }),
    handler: (ctx) => {
      const query = readQuery(ctx);
      const filter = compileFilter(query.filter, signInFilterSchema);
      const select = parseSelect(new URLSearchParams(query.select === null ? "" : { $select: query.select }));
      const bounds = signInBounds(
        filter?.ast,
        ctx.clock.now(),
        (upn) => ctx.tenant.findUser(upn)?.id ?? undefined,
      );
      // Generation already keeps to the time bounds: testing them again per sign-in was a tenth of
      // the simulator's time in a large rehearsal.
      const test = filter && !timeBoundsOnly(filter.ast) ? filter.test : undefined;
      const page: SignIn[] = [];
      let more = false;
      for (const signIn of ctx.tenant.signIns({
        ...bounds,
        ...(query.after ? { after: query.after } : {}),
      })) {
        if (test && !test(signIn)) continue;
        if (page.length === query.top) {
          more = true;
          break;
        }
        page.push(signIn);
      }
      const last = page[page.length - 1];
      const nextToken =
        more && last?.createdDateTime && last.id
          ? ctx.tokens.encode("signIns", {
              filter: query.filter,
              select: query.select,
              top: query.top,
              after: { createdDateTime: last.createdDateTime, id: last.id },
            } satisfies SignInCursor)
          : undefined;
      const honourPrefer = prefersUnknownEnumMembers(ctx.req.headers["prefer"]);
      const value = page.map((s) => applySelect(honourPrefer ? s : hideEvolvedEnumMembers(s), select));
      ctx.counters.bump("signInPagesServed");
      return collection(
        ctx,
        "auditLogs/signIns",
        value,
        nextToken,
        honourPrefer ? { "Preference-Applied": INCLUDE_UNKNOWN } : {},
      );
    },
  },
];
