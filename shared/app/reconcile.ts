import { validatePlan } from "../domain";
import { policyFingerprint, type GraphGateway } from "../graph";
import {
  emptyStageCounts,
  type AuditActor,
  type StageCounts,
  type StatusStore,
  type UserRecord,
  type UserStage,
} from "../store";
import {
  breakGlassExcluded,
  deletedUsers,
  managedPolicyDefinition,
  POLICY_FIELDS,
  readMemberIds,
  readPolicyStates,
  type PolicyRole,
} from "./reconcile-graph";
import { belongsInEnforcedGroup, reconcileUser, type UserReconciliation } from "./reconcile-rules";
import { lowerExclusionsDue } from "./exclusions";

export interface ReconcileInput {
  rolloutId: string;
  at: string;
  /** Who asked: the caller's identity for an admin, `system:<component>` for the engine. */
  by: AuditActor;
  /**
   * An admin has acknowledged drift (resume after a drift pause): recreate deleted policies and
   * adopt edited ones as the new baseline — unless the edit stopped excluding a break-glass
   * account. Without it policies are only reported.
   */
  acknowledgePolicies?: boolean;
  idempotencyKey?: string;
  /** The admin's words, kept in the audit row. */
  reason?: string;
  /** Per-user differences listed in the answer (all are counted); default 1,000. */
  maxListed?: number;
}

export interface UserDifference {
  userId: string;
  before: UserStage;
  after: UserStage;
  reason?: string;
  removedFromEnforcedGroup?: boolean;
}

export interface PolicyOutcome {
  role: PolicyRole;
  id: string | null;
  status: "unchanged" | "edited" | "deleted" | "adopted" | "recreated" | "refused";
  detail?: string;
}

export interface ReconcileReport {
  rolloutId: string;
  at: string;
  users: UserDifference[];
  /** True when more users differed than are listed. */
  truncated: boolean;
  counts: {
    checked: number;
    changed: number;
    removedFromEnforcedGroup: number;
    /** Members of the enforced group who are not in the rollout's population at all. */
    outsidersRemoved: number;
    deleted: number;
    before: StageCounts;
    after: StageCounts;
  };
  policies: PolicyOutcome[];
  /** Policies still differ from what the rollout manages (edited or deleted, not acknowledged). */
  policyDrift: boolean;
}

/**
 * Rebuilds the users table from Graph's truth: the enforced and excluded groups' members and the
 * directory (deleted users). Graph wins, except that nobody stays enforced whom the rollout has
 * not observed: such members (and members outside the population) leave the enforced group.
 * Every difference is reported and the whole run is audited. Running it twice changes nothing
 * the second time.
 */
export async function reconcileRollout(
  deps: { store: StatusStore; graph: GraphGateway },
  input: ReconcileInput,
): Promise<ReconcileReport> {
  const { store, graph } = deps;
  const id = input.rolloutId;
  const record = await store.rollouts.get(id);
  if (!record.enforcedGroupId || !record.excludedGroupId) {
    throw new Error(`rollout ${id} has not finished its setup: nothing to reconcile`);
  }
  const enforced = (await readMemberIds(graph, record.enforcedGroupId)) ?? new Set<string>();
  const excluded = (await readMemberIds(graph, record.excludedGroupId)) ?? new Set<string>();
  const waveEnforced = new Map(
    (await store.waves.list(id)).map((w) => [w.index, w.bakeStartedAt !== undefined]),
  );

  const rows: UserRecord[] = [];
  for await (const page of store.users.iteratePages(id)) rows.push(...page);
  const leaving = rows.filter((r) => {
    const key = r.userId.toLowerCase();
    return belongsInEnforcedGroup(r) && !enforced.has(key) && !excluded.has(key);
  });
  const deleted = await deletedUsers(
    graph,
    leaving.map((r) => r.userId),
  );

  const before = emptyStageCounts();
  const after = emptyStageCounts();
  const decisions: { row: UserRecord; outcome: UserReconciliation }[] = rows.map((row) => {
    const key = row.userId.toLowerCase();
    const outcome = reconcileUser(
      row,
      {
        inEnforcedGroup: enforced.has(key),
        inExcludedGroup: excluded.has(key),
        exists: !deleted.has(key),
        waveEnforced: waveEnforced.get(row.waveIndex) ?? false,
      },
      input.at,
    );
    before[row.stage] += 1;
    after[outcome.next.stage] += 1;
    return { row, outcome };
  });
  const known = new Set(rows.map((r) => r.userId.toLowerCase()));
  const outsiders = [...enforced].filter((m) => !known.has(m));
  const removals = [
    ...decisions.filter((d) => d.outcome.removeFromEnforcedGroup).map((d) => d.row.userId),
    ...outsiders,
  ];
  // Graph first: a crash before the table write leaves rows a re-run corrects, never a user
  // enforced whom the table calls report-only.
  if (removals.length > 0) await graph.removeMembers(record.enforcedGroupId, removals);
  const changed = decisions.filter((d) => d.outcome.changed);
  // Users adopted as excluded get an end: the hourly expiry check must know it (see lowerExclusionsDue).
  const firstEnd = changed
    .map((d) => (d.outcome.next.stage === "excluded" ? d.outcome.next.exclusionExpiresAt : undefined))
    .filter((end): end is string => end !== undefined)
    .sort()[0];
  if (firstEnd) await lowerExclusionsDue(store, id, firstEnd);
  await store.users.upsertMany(
    id,
    changed.map((d) => d.outcome.next),
  );
  if (firstEnd) await lowerExclusionsDue(store, id, firstEnd);
  await store.rollouts.update(id, async () => ({ counts: await store.users.countByStage(id) }));
  for (const wave of waveEnforced.keys()) {
    const counts = await store.users.countByStage(id, { waveIndex: wave });
    await store.waves.update(id, wave, () => ({
      enforced: counts.enforced,
      heldBack: counts.heldBack,
      excluded: counts.excluded,
    }));
  }

  const policies = await reconcilePolicies(deps, input);
  const differences = decisions
    .filter((d) => d.outcome.changed || d.outcome.removeFromEnforcedGroup)
    .map(({ row, outcome }): UserDifference => ({
      userId: row.userId,
      before: row.stage,
      after: outcome.next.stage,
      ...(outcome.next.reason !== undefined && outcome.changed ? { reason: outcome.next.reason } : {}),
      ...(outcome.removeFromEnforcedGroup ? { removedFromEnforcedGroup: true } : {}),
    }));
  const limit = input.maxListed ?? 1_000;
  const report: ReconcileReport = {
    rolloutId: id,
    at: input.at,
    users: differences.slice(0, limit),
    truncated: differences.length > limit,
    counts: {
      checked: rows.length,
      changed: changed.length,
      removedFromEnforcedGroup: removals.length - outsiders.length,
      outsidersRemoved: outsiders.length,
      deleted: deleted.size,
      before,
      after,
    },
    policies,
    policyDrift: policies.some(
      (p) => p.status === "edited" || p.status === "deleted" || p.status === "refused",
    ),
  };
  // Every moved user is named in an audit row; chunks keep each row under Table Storage's limits.
  const chunks = chunked(
    [...differences, ...outsiders.map((userId) => ({ userId, outsider: true }))],
    AUDIT_CHUNK,
  );
  for (const [index, users] of (chunks.length > 0 ? chunks : [[]]).entries()) {
    await store.audit.append(id, {
      at: input.at,
      ...input.by,
      action: index === 0 ? "reconcile" : "reconcile:users",
      details: {
        ...(index === 0 && input.reason !== undefined ? { reason: input.reason } : {}),
        ...(index === 0 ? { counts: report.counts, policies } : { part: index + 1, of: chunks.length }),
        users,
      },
      ...(input.idempotencyKey !== undefined
        ? { idempotencyKey: index === 0 ? input.idempotencyKey : `${input.idempotencyKey}.${index}` }
        : {}),
    });
  }
  return report;
}

/** Users named per audit row: about 150 characters each, well under a 32k-character column. */
const AUDIT_CHUNK = 150;

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function reconcilePolicies(
  deps: { store: StatusStore; graph: GraphGateway },
  input: ReconcileInput,
): Promise<PolicyOutcome[]> {
  const { store } = deps;
  const graph = deps.graph.paced(`reconcile|${input.rolloutId}|${input.at}|${input.idempotencyKey ?? ""}`);
  const record = await store.rollouts.get(input.rolloutId);
  const outcomes: PolicyOutcome[] = [];
  for (const state of await readPolicyStates(graph, record)) {
    const base = { role: state.role, id: state.id ?? null };
    if (state.status === "unchanged" || !input.acknowledgePolicies) {
      outcomes.push({ ...base, status: state.status });
      continue;
    }
    const fields = POLICY_FIELDS[state.role];
    if (state.status === "edited") {
      const validation = validatePlan(record.plan);
      const breakGlass = validation.ok ? validation.plan.breakGlass : [];
      if (!breakGlassExcluded(state.policy, breakGlass)) {
        outcomes.push({
          ...base,
          status: "refused",
          detail: "it no longer excludes every break-glass account",
        });
        continue;
      }
      const fingerprint = policyFingerprint(state.policy);
      await store.rollouts.update(input.rolloutId, () => ({ [fields.fingerprint]: fingerprint }));
      outcomes.push({ ...base, status: "adopted", detail: "the edited policy is the new baseline" });
      continue;
    }
    const validation = validatePlan(record.plan);
    if (!validation.ok) throw new Error(`stored plan of rollout ${input.rolloutId} no longer validates`);
    const definition = await managedPolicyDefinition(
      graph,
      state.role,
      input.rolloutId,
      validation.plan,
      record,
    );
    const created = await graph.ensurePolicy(definition);
    await store.rollouts.update(input.rolloutId, () => ({
      [fields.id]: created.id,
      [fields.fingerprint]: policyFingerprint({ ...definition, id: created.id }),
    }));
    outcomes.push({
      role: state.role,
      id: created.id,
      status: "recreated",
      detail: `was ${state.id ?? "unknown"}`,
    });
  }
  return outcomes;
}
