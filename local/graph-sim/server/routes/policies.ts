import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import { SimGraphError } from "../../tenant/tenant-port";
import { collection, noContent, odataContext, ok, requireObjectBody } from "../collection";
import type { RouteDef } from "../router";
import type { RouteContext } from "../types";

const BASE = "identity/conditionalAccess/policies";
const conditionalAccess = () => ({ category: "conditionalAccess" as const, resourceUnits: 1, writes: 0 });

function existing(ctx: RouteContext): ConditionalAccessPolicy {
  const id = ctx.params.id ?? "";
  const policy = ctx.tenant.getPolicy(id);
  if (!policy) {
    throw new SimGraphError(404, "ResourceNotFound", `Conditional Access policy '${id}' was not found.`);
  }
  return policy;
}

export const policyRoutes: RouteDef[] = [
  {
    name: "policies.list",
    method: "GET",
    pattern: BASE,
    throttle: conditionalAccess,
    handler: (ctx) => collection(ctx, "identity/conditionalAccess/policies", ctx.tenant.listPolicies()),
  },
  {
    name: "policies.get",
    method: "GET",
    pattern: `${BASE}/:id`,
    throttle: conditionalAccess,
    handler: (ctx) =>
      ok({
        "@odata.context": odataContext(ctx, "identity/conditionalAccess/policies/$entity"),
        ...existing(ctx),
      }),
  },
  {
    name: "policies.create",
    method: "POST",
    pattern: BASE,
    throttle: conditionalAccess,
    write: true,
    handler: (ctx) => {
      const created = ctx.tenant.createPolicy(requireObjectBody(ctx.req.body) as ConditionalAccessPolicy);
      return ok(
        { "@odata.context": odataContext(ctx, "identity/conditionalAccess/policies/$entity"), ...created },
        201,
      );
    },
  },
  {
    name: "policies.patch",
    method: "PATCH",
    pattern: `${BASE}/:id`,
    throttle: conditionalAccess,
    write: true,
    handler: (ctx) => {
      existing(ctx);
      ctx.tenant.patchPolicy(ctx.params.id ?? "", requireObjectBody(ctx.req.body) as ConditionalAccessPolicy);
      return noContent();
    },
  },
  {
    name: "policies.delete",
    method: "DELETE",
    pattern: `${BASE}/:id`,
    throttle: conditionalAccess,
    write: true,
    handler: (ctx) => {
      existing(ctx);
      ctx.tenant.deletePolicy(ctx.params.id ?? "");
      return noContent();
    },
  },
];
