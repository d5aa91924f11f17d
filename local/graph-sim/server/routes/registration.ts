import type { UserRegistrationDetails } from "@microsoft/microsoft-graph-types";
import { SimGraphError } from "../../tenant/tenant-port";
import { applySelect, collection, offsetPage, parseSelect, parseTop } from "../collection";
import { compileFilter, readPath, type FilterSchema } from "../odata-filter";
import type { RouteDef } from "../router";

const bool = { type: "boolean", ops: ["eq"] } as const;
const text = { type: "string", ops: ["eq", "startsWith"] } as const;

/** The list API supports $filter and $orderby: booleans eq, collections any(eq), names eq/startsWith. */
export const registrationFilterSchema: FilterSchema = {
  errorCode: "BadRequest",
  properties: {
    id: { type: "string", ops: ["eq"] },
    userPrincipalName: text,
    userDisplayName: text,
    userType: { type: "string", ops: ["eq"] },
    isAdmin: bool,
    isMfaRegistered: bool,
    isMfaCapable: bool,
    isPasswordlessCapable: bool,
    isSsprRegistered: bool,
    isSsprEnabled: bool,
    isSsprCapable: bool,
    isSystemPreferredAuthenticationMethodEnabled: bool,
    methodsRegistered: { type: "stringCollection", ops: ["any"] },
    systemPreferredAuthenticationMethods: { type: "stringCollection", ops: ["any"] },
    userPreferredMethodForSecondaryAuthentication: { type: "string", ops: ["eq"] },
  },
};

const ORDERABLE = new Set(
  Object.entries(registrationFilterSchema.properties)
    .filter(([, rule]) => rule.type !== "stringCollection")
    .map(([name]) => name)
    .concat(["lastUpdatedDateTime"]),
);

export const DEFAULT_REGISTRATION_PAGE = 1000;

export function parseOrderBy(raw: string | null): { property: string; descending: boolean }[] {
  if (raw === null || raw.trim() === "") return [];
  return raw.split(",").map((part) => {
    const [property = "", direction = "asc", ...rest] = part.trim().split(/\s+/);
    const dir = direction.toLowerCase();
    if (!ORDERABLE.has(property) || (dir !== "asc" && dir !== "desc") || rest.length > 0) {
      throw new SimGraphError(400, "BadRequest", `Invalid $orderby clause '${part.trim()}'.`);
    }
    return { property, descending: dir === "desc" };
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() < b.toLowerCase() ? -1 : 1;
  return (a as number) < (b as number) ? -1 : 1;
}

export function sortDetails(
  items: readonly UserRegistrationDetails[],
  order: { property: string; descending: boolean }[],
): UserRegistrationDetails[] {
  if (order.length === 0) return [...items];
  return [...items].sort((x, y) => {
    for (const { property, descending } of order) {
      const c = compare(readPath(x, property), readPath(y, property));
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
}

function windowOf<T>(all: readonly T[], offset: number, limit: number): { items: T[]; total: number } {
  return { items: all.slice(offset, offset + limit), total: all.length };
}

export const registrationRoutes: RouteDef[] = [
  {
    name: "registrationDetails.list",
    method: "GET",
    pattern: "reports/authenticationMethods/userRegistrationDetails",
    throttle: () => ({ category: "reports", resourceUnits: 1, writes: 0 }),
    handler: (ctx) => {
      const page = offsetPage(ctx, "userRegistrationDetails", ["$filter", "$orderby", "$select", "$top"]);
      const top = parseTop(page.query, DEFAULT_REGISTRATION_PAGE, DEFAULT_REGISTRATION_PAGE);
      const filter = compileFilter(page.query.get("$filter"), registrationFilterSchema);
      const order = parseOrderBy(page.query.get("$orderby"));
      const select = parseSelect(page.query);
      // Unfiltered and unsorted (how the app reads it), only the page served is computed: the
      // whole report per page made reading 100,000 users' details quadratic.
      const { items, total } =
        filter || order.length > 0
          ? windowOf(
              sortDetails(
                filter
                  ? ctx.tenant.registrationDetails().filter(filter.test)
                  : ctx.tenant.registrationDetails(),
                order,
              ),
              page.offset,
              top,
            )
          : ctx.tenant.registrationDetailsPage(page.offset, top);
      const slice = items.map((d) => applySelect(d, select));
      const more = page.offset + top < total;
      ctx.counters.bump("registrationPagesServed");
      return collection(
        ctx,
        "reports/authenticationMethods/userRegistrationDetails",
        slice,
        more ? page.next(page.offset + top) : undefined,
      );
    },
  },
];
