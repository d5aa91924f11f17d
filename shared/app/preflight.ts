import type { Plan } from "../domain";
import { coverageChecks } from "./coverage-checks";
import { REQUIRED_GRAPH_PERMISSIONS, type GraphGateway } from "../graph";
import {
  evaluatePreflight,
  type BreakGlassAccountProbe,
  type ManagedGroupProbe,
  type PermissionProbe,
  type PreflightResult,
  type ProbeFailure,
  type SubscribedSkuProbe,
} from "../preflight";
import type { RolloutsRepository } from "../store";
import { findOverlap } from "./overlap";

/** The audit row's idempotency key: GET /api/rollouts/{id} reads the rollout's preflight back by it. */
export const PREFLIGHT_AUDIT_KEY = "preflight";

/** The display names setup gives the rollout's groups (docs/DESIGN.md), found again by the preflight. */
export function managedGroupNames(rolloutId: string): { enforced: string; excluded: string } {
  return { enforced: `CA rollout ${rolloutId} – enforced`, excluded: `CA rollout ${rolloutId} – excluded` };
}

export interface PreflightTarget {
  plan: Plan;
  /** Ids setup stored for an existing rollout; absent ones are looked up by name. */
  enforcedGroupId?: string;
  excludedGroupId?: string;
  /** Where other rollouts are listed, to check for shared users; absent: no overlap check. */
  rollouts?: Pick<RolloutsRepository, "iterate">;
  /** Now, for the sign-in lookback (the host's clock; a virtual one in the rehearsal). */
  at?: string;
}

/**
 * Reads what the preflight needs from Graph (each section on its own, so one failing read is one
 * failed check, not a failed preflight) and evaluates it. Reads only: the permission probes are
 * built so that they cannot change anything (shared/graph/permission-probes.ts).
 */
export async function runPreflight(graph: GraphGateway, target: PreflightTarget): Promise<PreflightResult> {
  const { plan } = target;
  const breakGlassAccounts = await attempt(() => breakGlassProbes(graph, plan.breakGlass));
  const managedGroups = await attempt(() => managedGroupProbes(graph, plan.rolloutId, target));
  const subscribedSkus = await attempt(() => skuProbes(graph));
  const permissions = await attempt<PermissionProbe[]>(() =>
    graph.probePermissions(REQUIRED_GRAPH_PERMISSIONS),
  );
  const { rollouts } = target;
  const overlap = rollouts ? await attempt(() => findOverlap(graph, rollouts, plan)) : undefined;
  const evaluated = evaluatePreflight({
    breakGlassAccounts,
    managedGroups,
    subscribedSkus,
    requiredPermissions: REQUIRED_GRAPH_PERMISSIONS,
    permissions,
    ...(overlap ? { overlap } : {}),
    options: {
      ...(plan.preflight?.requireProtectedGroups ? { requireProtectedGroups: true } : {}),
      ...(plan.preflight?.allowOverlap ? { allowOverlap: true } : {}),
    },
  });
  const coverage = await coverageChecks(graph, plan, target.at ?? new Date().toISOString());
  return {
    checks: [...evaluated.checks, ...coverage],
    ok: evaluated.ok && coverage.every((c) => c.status !== "fail"),
  };
}

async function attempt<T>(read: () => Promise<T>): Promise<T | ProbeFailure> {
  try {
    return await read();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function breakGlassProbes(
  graph: GraphGateway,
  ids: readonly string[],
): Promise<BreakGlassAccountProbe[]> {
  const { found, missing } = await graph.getUsers(ids);
  const byId = new Map(found.map((u) => [u.id.toLowerCase(), u]));
  return ids.map((id): BreakGlassAccountProbe => {
    const user = byId.get(id.toLowerCase());
    if (!user || missing.includes(id)) return { id, found: false };
    return {
      id,
      found: true,
      ...(user.userPrincipalName ? { userPrincipalName: user.userPrincipalName } : {}),
      ...(typeof user.accountEnabled === "boolean" ? { accountEnabled: user.accountEnabled } : {}),
    };
  });
}

async function managedGroupProbes(
  graph: GraphGateway,
  rolloutId: string,
  target: PreflightTarget,
): Promise<ManagedGroupProbe[]> {
  const names = managedGroupNames(rolloutId);
  const wanted = [
    { displayName: names.enforced, storedId: target.enforcedGroupId },
    { displayName: names.excluded, storedId: target.excludedGroupId },
  ];
  const toFind = wanted.filter((g) => !g.storedId).map((g) => g.displayName);
  const byName = toFind.length ? await graph.findGroupIdsByName(toFind) : new Map<string, string[]>();
  const ids = wanted.map((g) => {
    if (g.storedId) return g.storedId;
    const matches = byName.get(g.displayName) ?? [];
    if (matches.length > 1) {
      throw new Error(`${matches.length} groups are named ${JSON.stringify(g.displayName)}: keep one`);
    }
    return matches[0];
  });
  const existing = ids.filter((id): id is string => id !== undefined);
  const protection = new Map((await graph.getGroupProtection(existing)).map((p) => [p.id, p]));
  return wanted.map((g, i): ManagedGroupProbe => {
    const id = ids[i];
    if (id === undefined) return { displayName: g.displayName, found: false, createdBySetup: true };
    const facts = protection.get(id.toLowerCase());
    if (!facts?.found) return { id, displayName: g.displayName, found: false };
    return {
      id,
      displayName: facts.displayName ?? g.displayName,
      found: true,
      isAssignableToRole: facts.isAssignableToRole === true,
      inRestrictedManagementAdministrativeUnit: facts.restrictedAdministrativeUnits.length > 0,
      unreadableAdministrativeUnits: facts.unreadableAdministrativeUnits.length,
      ...(facts.membersWritable === undefined ? {} : { membersWritable: facts.membersWritable }),
      ...(facts.membersWriteStatus === undefined ? {} : { membersWriteStatus: facts.membersWriteStatus }),
    };
  });
}

async function skuProbes(graph: GraphGateway): Promise<SubscribedSkuProbe[]> {
  return (await graph.listSubscribedSkus()).map((sku) => ({
    skuPartNumber: sku.skuPartNumber ?? sku.skuId ?? "unknown SKU",
    capabilityStatus: sku.capabilityStatus ?? "unknown",
    servicePlans: (sku.servicePlans ?? []).map((plan) => ({
      servicePlanName: plan.servicePlanName ?? "",
      ...(plan.provisioningStatus ? { provisioningStatus: plan.provisioningStatus } : {}),
    })),
  }));
}
