import type { Group } from "@microsoft/microsoft-graph-types";
import { SimGraphError } from "../../tenant/tenant-port";
import { badRequest, notFound } from "../errors";
import {
  applySelect,
  collection,
  noContent,
  odataContext,
  offsetPage,
  ok,
  parseSelect,
  parseTop,
  requireObjectBody,
} from "../collection";
import { compileFilter, type FilterSchema } from "../odata-filter";
import type { RouteDef } from "../router";
import { directoryCost } from "../throttling";
import type { RouteContext } from "../types";
import { asUser } from "./users";

/** Graph's limit on directory references in one members@odata.bind PATCH. */
export const MAX_MEMBERS_PER_PATCH = 20;

export const groupFilterSchema: FilterSchema = {
  errorCode: "Request_UnsupportedQuery",
  properties: {
    id: { type: "string", ops: ["eq"] },
    displayName: { type: "string", ops: ["eq", "startsWith"] },
    mailNickname: { type: "string", ops: ["eq", "startsWith"] },
    securityEnabled: { type: "boolean", ops: ["eq"] },
  },
};

function existingGroup(ctx: RouteContext): Group {
  const id = ctx.params.id ?? "";
  const group = ctx.tenant.getGroup(id);
  if (!group) throw notFound(id);
  return group;
}

/** Accepts Graph's reference URL forms: .../directoryObjects/{id} and .../users/{id}. */
export function objectIdFromReference(reference: unknown): string {
  if (typeof reference !== "string" || reference.trim() === "") {
    throw badRequest("Invalid object reference: expected a URL string in '@odata.id'.", "Request_BadRequest");
  }
  const match = /\/(?:directoryObjects|users)\/([^/?#]+)\/?$/i.exec(reference.trim());
  if (!match?.[1]) {
    throw badRequest(`Invalid object identifier '${reference}'.`, "Request_BadRequest");
  }
  return decodeURIComponent(match[1]);
}

const PATCHABLE = new Set(["members@odata.bind"]);

export const groupRoutes: RouteDef[] = [
  {
    name: "groups.create",
    method: "POST",
    pattern: "groups",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const body = requireObjectBody(ctx.req.body);
      for (const required of ["displayName", "mailNickname", "mailEnabled", "securityEnabled"]) {
        if (body[required] === undefined) {
          throw badRequest(`Property '${required}' is required to create a group.`, "Request_BadRequest");
        }
      }
      const group = ctx.tenant.createGroup(body as Group);
      return ok({ "@odata.context": odataContext(ctx, "groups/$entity"), ...group }, 201);
    },
  },
  {
    name: "groups.list",
    method: "GET",
    pattern: "groups",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const page = offsetPage(ctx, "groups", ["$filter", "$select", "$top"]);
      const top = parseTop(page.query, 100, 999);
      const select = parseSelect(page.query);
      const filter = compileFilter(page.query.get("$filter"), groupFilterSchema);
      const all = ctx.tenant.listGroups();
      const matching = filter ? all.filter(filter.test) : all;
      const slice = matching.slice(page.offset, page.offset + top).map((g) => applySelect(g, select));
      const more = page.offset + top < matching.length;
      return collection(ctx, "groups", slice, more ? page.next(page.offset + top) : undefined);
    },
  },
  {
    name: "groups.get",
    method: "GET",
    pattern: "groups/:id",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) =>
      ok({
        "@odata.context": odataContext(ctx, "groups/$entity"),
        ...applySelect(existingGroup(ctx), parseSelect(ctx.req.query)),
      }),
  },
  {
    name: "groups.patch",
    method: "PATCH",
    pattern: "groups/:id",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const group = existingGroup(ctx);
      const body = requireObjectBody(ctx.req.body);
      const unknown = Object.keys(body).filter((key) => !PATCHABLE.has(key));
      if (unknown.length > 0) {
        throw badRequest(
          `The simulator only models 'members@odata.bind' on PATCH /groups/{id}; got ${unknown.join(", ")}.`,
          "Request_BadRequest",
        );
      }
      const refs = body["members@odata.bind"];
      if (!Array.isArray(refs)) {
        throw badRequest("'members@odata.bind' must be an array of reference URLs.", "Request_BadRequest");
      }
      if (refs.length > MAX_MEMBERS_PER_PATCH) {
        throw badRequest(
          `A maximum of ${MAX_MEMBERS_PER_PATCH} directory objects can be added in a single request (members@odata.bind has ${refs.length}).`,
          "Request_BadRequest",
        );
      }
      // Parse every reference before touching state: one bad entry means nothing is added.
      const ids = refs.map(objectIdFromReference);
      if (ids.length > 0) ctx.tenant.addMembers(group.id ?? "", ids);
      return noContent();
    },
  },
  {
    name: "groups.members.list",
    method: "GET",
    pattern: "groups/:id/members",
    throttle: (req) => directoryCost(req.method, 3, req.query),
    handler: (ctx) => {
      const group = existingGroup(ctx);
      const page = offsetPage(ctx, `members:${group.id ?? ""}`, ["$select", "$top"]);
      const top = parseTop(page.query, 100, 999);
      const select = parseSelect(page.query);
      const ids = ctx.tenant.listMemberIds(group.id ?? "");
      const slice = ids.slice(page.offset, page.offset + top).flatMap((id) => {
        const user = ctx.tenant.getUser(id);
        return user ? [applySelect(asUser(user), select)] : [];
      });
      const more = page.offset + top < ids.length;
      return collection(ctx, "directoryObjects", slice, more ? page.next(page.offset + top) : undefined);
    },
  },
  {
    name: "groups.members.add",
    method: "POST",
    pattern: "groups/:id/members/$ref",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const group = existingGroup(ctx);
      const id = objectIdFromReference(requireObjectBody(ctx.req.body)["@odata.id"]);
      ctx.tenant.addMembers(group.id ?? "", [id]);
      return noContent();
    },
  },
  {
    name: "groups.members.remove",
    method: "DELETE",
    pattern: "groups/:id/members/:memberId/$ref",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      const group = existingGroup(ctx);
      ctx.tenant.removeMember(group.id ?? "", ctx.params.memberId ?? "");
      return noContent();
    },
  },
  {
    // DANGER modelled on purpose: without /$ref Graph deletes the directory object itself.
    name: "groups.members.deleteObject",
    method: "DELETE",
    pattern: "groups/:id/members/:memberId",
    throttle: (req) => directoryCost(req.method, 1, req.query),
    handler: (ctx) => {
      existingGroup(ctx);
      const memberId = ctx.params.memberId ?? "";
      const user = ctx.tenant.getUser(memberId);
      if (!user?.id)
        throw new SimGraphError(404, "Request_ResourceNotFound", `Resource '${memberId}' does not exist.`);
      ctx.tenant.applyKnob({ kind: "deleteUser", userId: user.id });
      ctx.counters.bump("userDeletes");
      return noContent();
    },
  },
];
