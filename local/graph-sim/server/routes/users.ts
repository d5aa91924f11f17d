import type { User } from "@microsoft/microsoft-graph-types";
import { notFound } from "../errors";
import {
  applySelect,
  collection,
  noContent,
  odataContext,
  offsetPage,
  ok,
  parseSelect,
  parseTop,
} from "../collection";
import { compileFilter, type FilterSchema } from "../odata-filter";
import type { RouteDef } from "../router";
import { directoryCost } from "../throttling";

export const userFilterSchema: FilterSchema = {
  errorCode: "Request_UnsupportedQuery",
  properties: {
    id: { type: "string", ops: ["eq"] },
    userPrincipalName: { type: "string", ops: ["eq", "startsWith"] },
    accountEnabled: { type: "boolean", ops: ["eq"] },
    displayName: { type: "string", ops: ["eq", "startsWith"] },
    mail: { type: "string", ops: ["eq", "startsWith"] },
    userType: { type: "string", ops: ["eq"] },
  },
};

const asUser = (user: User): User => ({ "@odata.type": "#microsoft.graph.user", ...user }) as User;

export const userRoutes: RouteDef[] = [
  {
    name: "users.list",
    method: "GET",
    pattern: "users",
    throttle: (req) => directoryCost(req.method, 2, req.query),
    handler: (ctx) => {
      const page = offsetPage(ctx, "users", ["$filter", "$select", "$top"]);
      const top = parseTop(page.query, 100, 999);
      const select = parseSelect(page.query);
      const filter = compileFilter(page.query.get("$filter"), userFilterSchema);
      const matching = filter ? ctx.tenant.listUsers().filter(filter.test) : ctx.tenant.listUsers();
      const slice = matching.slice(page.offset, page.offset + top).map((u) => applySelect(u, select));
      const more = page.offset + top < matching.length;
      return collection(ctx, "users", slice, more ? page.next(page.offset + top) : undefined);
    },
  },
  {
    name: "users.get",
    method: "GET",
    pattern: "users/:id",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const id = ctx.params.id ?? "";
      const user = ctx.tenant.findUser(id);
      if (!user) throw notFound(id);
      return ok({
        "@odata.context": odataContext(ctx, "users/$entity"),
        ...applySelect(user, parseSelect(ctx.req.query)),
      });
    },
  },
  {
    // Modelled only so tests can prove the gateway never deletes a user (a deleted user is gone for 30 days: the gateway must never do it).
    name: "users.delete",
    method: "DELETE",
    pattern: "users/:id",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    write: true,
    handler: (ctx) => {
      const id = ctx.params.id ?? "";
      const user = ctx.tenant.findUser(id);
      if (!user?.id) throw notFound(id);
      ctx.tenant.applyKnob({ kind: "deleteUser", userId: user.id });
      ctx.counters.bump("userDeletes");
      return noContent();
    },
  },
];

export { asUser };
