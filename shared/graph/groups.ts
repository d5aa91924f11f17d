import type { Group } from "@microsoft/microsoft-graph-types";
import type { GraphHttp } from "./graph-http";
import { requestError } from "./graph-http";
import { assertGuid } from "./guid";
import { odataString, withQuery } from "./query";
import type { GraphRequestCounts } from "./request-counters";

export interface EnsureGroupOptions {
  /** Id kept in the rollouts table from an earlier run. */
  storedId?: string;
  /** Role-assignable groups need privileged roles for membership changes; off unless asked. */
  isAssignableToRole?: boolean;
}

export interface EnsuredGroup {
  id: string;
  displayName: string;
  /** How it was found: by the stored id, by its unique displayName, or created now. */
  foundBy: "storedId" | "displayName" | "created";
}

const SELECT = "id,displayName,description";

/**
 * Finds the group again (stored id, else exact displayName) or creates it, so re-running a
 * rollout's setup never makes a second group. Two groups with the same name is an error: picking
 * one could enforce the policy on the wrong population.
 */
export async function ensureGroup(
  http: GraphHttp,
  displayName: string,
  description: string,
  options: EnsureGroupOptions = {},
  tally?: GraphRequestCounts,
): Promise<EnsuredGroup> {
  if (displayName.trim() === "") throw new TypeError("group displayName must not be empty");
  const send = tally ? { tally } : {};
  if (options.storedId !== undefined) {
    const path = withQuery(`/groups/${assertGuid(options.storedId, "storedId")}`, { $select: SELECT });
    const response = await http.send({ method: "GET", path }, send);
    if (response.status === 200) {
      const group = response.body as Group;
      return { id: String(group.id), displayName: group.displayName ?? displayName, foundBy: "storedId" };
    }
    if (response.status !== 404) throw requestError({ method: "GET", path }, response);
  }
  const listPath = withQuery("/groups", {
    $filter: `displayName eq ${odataString(displayName)}`,
    $select: SELECT,
  });
  const list = await http.send({ method: "GET", path: listPath }, send);
  if (list.status !== 200) throw requestError({ method: "GET", path: listPath }, list);
  const matches = ((list.body as { value?: Group[] }).value ?? []).filter(
    (g) => g.displayName === displayName,
  );
  if (matches.length > 1) {
    throw new Error(
      `${matches.length} groups are named ${JSON.stringify(displayName)} (${matches.map((g) => g.id).join(", ")}); keep one and store its id`,
    );
  }
  const found = matches[0];
  if (found?.id) return { id: found.id, displayName, foundBy: "displayName" };

  const body: Group = {
    displayName,
    description,
    mailEnabled: false,
    // Graph's property is securityEnabled (a "securityGroup" field would be rejected as unknown).
    securityEnabled: true,
    mailNickname: mailNickname(displayName),
    ...(options.isAssignableToRole ? { isAssignableToRole: true } : {}),
  };
  const created = await http.send({ method: "POST", path: "/groups", body }, { ...send, idempotent: false });
  if (created.status !== 201 && created.status !== 200)
    throw requestError({ method: "POST", path: "/groups" }, created);
  const group = created.body as Group;
  return { id: assertGuid(group.id, "created group id"), displayName, foundBy: "created" };
}

/**
 * Graph requires a mailNickname even for security groups: ASCII, no spaces or @()\[]";:<>,
 * at most 64 characters. The name's letters and digits, lower-cased, joined by dashes.
 */
export function mailNickname(displayName: string): string {
  const slug = displayName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return slug === "" ? "ca-rollout-group" : slug;
}
