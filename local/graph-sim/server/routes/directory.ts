import type { AdministrativeUnit } from "@microsoft/microsoft-graph-types";
import { notFound } from "../errors";
import { applySelect, collection, odataContext, ok, parseSelect } from "../collection";
import { isAllowed, PROPERTY_READ_PERMISSIONS } from "../permissions";
import type { RouteDef } from "../router";
import { directoryCost } from "../throttling";
import type { RouteContext, SimResponse } from "../types";
import { DEFAULT_SKUS } from "../../tenant/scenario-schema";

const AU_TYPE = "#microsoft.graph.administrativeUnit";

/** Test doubles without directory facts get the scenarios' default: one E5 subscription. */
function skusOf(ctx: RouteContext) {
  return (
    ctx.tenant.subscribedSkus?.() ??
    DEFAULT_SKUS.map((sku) => ({ id: sku.skuId, ...sku, appliesTo: "User", consumedUnits: 0 }))
  );
}

/**
 * A directoryObject collection shows an object the app may not read with `@odata.type` and `id`
 * only (Graph's documented rule): without an administrative-unit read permission the units a
 * group belongs to are listed, but their isMemberManagementRestricted is not.
 */
function memberOfUnits(ctx: RouteContext): SimResponse {
  const groupId = ctx.params.id ?? "";
  const group = ctx.tenant.getGroup(groupId);
  if (!group) throw notFound(groupId);
  const readable = isAllowed(ctx.tenant, PROPERTY_READ_PERMISSIONS.administrativeUnit);
  const select = parseSelect(ctx.req.query);
  const units = (ctx.tenant.administrativeUnitsOf?.(group.id ?? groupId) ?? []).map(
    (unit: AdministrativeUnit) => {
      const typed = { "@odata.type": AU_TYPE, ...unit };
      if (!readable) return { "@odata.type": AU_TYPE, id: unit.id };
      return applySelect(typed, select);
    },
  );
  return collection(ctx, "directoryObjects", units);
}

export const directoryRoutes: RouteDef[] = [
  {
    // The tenant-wide authorization policy, in its default shape: read only (the preflight's
    // Policy.Read.All probe).
    name: "authorizationPolicy.get",
    method: "GET",
    pattern: "policies/authorizationPolicy",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) =>
      ok({
        "@odata.context": odataContext(ctx, "policies/authorizationPolicy/$entity"),
        ...applySelect(
          {
            id: "authorizationPolicy",
            displayName: "Authorization Policy",
            allowInvitesFrom: "everyone",
            blockMsolPowerShell: false,
            defaultUserRolePermissions: { allowedToCreateApps: true, allowedToCreateSecurityGroups: true },
          },
          parseSelect(ctx.req.query),
        ),
      }),
  },
  {
    name: "subscribedSkus.list",
    method: "GET",
    pattern: "subscribedSkus",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const select = parseSelect(ctx.req.query);
      return collection(
        ctx,
        "subscribedSkus",
        skusOf(ctx).map((sku) => applySelect(sku, select)),
      );
    },
  },
  {
    name: "administrativeUnits.get",
    method: "GET",
    pattern: "directory/administrativeUnits/:id",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const id = ctx.params.id ?? "";
      const unit = ctx.tenant.getAdministrativeUnit?.(id);
      if (!unit) throw notFound(id);
      return ok({
        "@odata.context": odataContext(ctx, "directory/administrativeUnits/$entity"),
        ...applySelect(unit, parseSelect(ctx.req.query)),
      });
    },
  },
  {
    name: "groups.memberOf",
    method: "GET",
    pattern: "groups/:id/memberOf",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: memberOfUnits,
  },
  {
    // The OData type cast: only the administrative units among the group's memberships.
    name: "groups.memberOf.administrativeUnits",
    method: "GET",
    pattern: "groups/:id/memberOf/microsoft.graph.administrativeUnit",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: memberOfUnits,
  },
];
