import type { Clock } from "../clock";
import type { GraphGateway } from "../graph";
import { storeGroupDeltaState, type StatusStore, type UserRecord } from "../store";
import { validatePlan } from "../domain";
import { checkGroupMembers } from "./drift-members";
import { breakGlassExcluded, deletedUsers, readPolicyStates } from "./reconcile-graph";
import { reconcileUser } from "./reconcile-rules";
import { expectedMembers } from "./drift-expected";
import { appendWithNotification } from "./notify-event";

export interface DriftInput {
  rolloutId: string;
  waveIndex: number;
  at: string;
  /** Where the engine checks: before enforcing a wave, or before a health gate. */
  checkpoint: "enforcement" | "health gate";
}

export interface DriftResult {
  drift: boolean;
  /** One line per difference, for the pause reason and the audit row. */
  reasons: string[];
  /** Users found deleted from the directory: recorded as held back, not drift. */
  deletedUsers: number;
}

/** Ids listed in reasons and audit rows: enough to start looking, small enough for a table cell. */
const SAMPLE = 10;

function sample(ids: Iterable<string>): string {
  const list = [...ids];
  return list.slice(0, SAMPLE).join(", ") + (list.length > SAMPLE ? ", …" : "");
}

/**
 * Has anyone changed what the rollout manages, outside the rollout? The policies are compared by
 * fingerprint (both from one paced list call); the groups by what changed in their membership
 * since the last check (`groups/delta`, see checkGroupMembers) against the users that should be in
 * them — enforced ones from the users snapshot, excluded ones from their rows.
 *
 * A member who vanished because the user object was deleted is not drift: the row is recorded as
 * held back ("deleted from the directory"), audited, and the rollout goes on.
 */
export async function checkDrift(
  deps: { store: StatusStore; graph: GraphGateway; clock: Clock },
  input: DriftInput,
): Promise<DriftResult> {
  const { store } = deps;
  // Each check is named by its inputs, so a re-run after a crash reuses its policy-call slot and
  // starts its delta rounds where its first run started them.
  const check = `drift|${input.rolloutId}|${input.waveIndex}|${input.checkpoint}|${input.at}`;
  const graph = deps.graph.paced(check);
  const deltaState = storeGroupDeltaState(store.counters, input.rolloutId);
  const record = await store.rollouts.get(input.rolloutId);
  const reasons: string[] = [];
  const validation = validatePlan(record.plan);
  const breakGlass = validation.ok ? validation.plan.breakGlass : [];
  for (const state of await readPolicyStates(graph, record)) {
    const name = `the ${state.role === "enforced" ? "enforced" : "report-only"} policy ${state.id ?? "(no id)"}`;
    if (state.status === "deleted") reasons.push(`${name} was deleted`);
    if (state.status === "edited") {
      const unsafe = !breakGlassExcluded(state.policy, breakGlass);
      reasons.push(
        `${name} was edited outside the rollout${unsafe ? " and no longer excludes every break-glass account (fix that before resuming)" : ""}`,
      );
    }
  }

  const expected = await expectedMembers(store, input.rolloutId);
  const missing: string[] = [];
  const groups = [
    { name: "enforced", id: record.enforcedGroupId, expected: expected.enforced },
    { name: "excluded", id: record.excludedGroupId, expected: expected.excluded },
  ];
  const extras: { name: string; ids: string[] }[] = [];
  const absent: { name: string; ids: string[] }[] = [];
  for (const group of groups) {
    if (!group.id) continue;
    const finding = await checkGroupMembers(graph, deltaState, check, {
      id: group.id,
      expected: group.expected,
    });
    if (finding.deleted) {
      reasons.push(`the ${group.name} group ${group.id} was deleted`);
      continue;
    }
    missing.push(...finding.gone);
    absent.push({ name: group.name, ids: finding.gone });
    extras.push({ name: group.name, ids: finding.extra });
  }

  const deleted = await deletedUsers(graph, [...new Set(missing)]);
  for (const { name, ids } of absent) {
    const removed = ids.filter((id) => !deleted.has(id));
    if (removed.length > 0) {
      reasons.push(
        `${removed.length} user(s) were removed from the ${name} group outside the rollout: ${sample(removed)}`,
      );
    }
  }
  for (const { name, ids } of extras) {
    if (ids.length > 0) {
      reasons.push(
        `${ids.length} user(s) were added to the ${name} group outside the rollout: ${sample(ids)}`,
      );
    }
  }

  if (deleted.size > 0) {
    const rows = await Promise.all(
      [...deleted].map(
        async (id) => expected.excludedRows.get(id) ?? (await store.users.find(input.rolloutId, id)),
      ),
    );
    await recordDeleted(
      store,
      input,
      rows.filter((r) => r !== undefined),
    );
  }
  if (reasons.length > 0) {
    await appendWithNotification(
      deps,
      input.rolloutId,
      {
        at: input.at,
        actor: "system:drift-check",
        action: "drift:detected",
        waveIndex: input.waveIndex,
        details: { checkpoint: input.checkpoint, reasons },
        idempotencyKey: `drift-w${input.waveIndex}-${Date.parse(input.at)}`,
      },
      { kind: "drift", summary: `at the ${input.checkpoint} check: ${reasons.join("; ")}` },
    );
  }
  return { drift: reasons.length > 0, reasons, deletedUsers: deleted.size };
}

async function recordDeleted(store: StatusStore, input: DriftInput, rows: UserRecord[]): Promise<void> {
  const truth = { inEnforcedGroup: false, inExcludedGroup: false, exists: false, waveEnforced: true };
  await store.users.upsertMany(
    input.rolloutId,
    rows.map((row) => reconcileUser(row, truth, input.at).next),
  );
  await store.rollouts.update(input.rolloutId, async () => ({
    counts: await store.users.countByStage(input.rolloutId),
  }));
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: "system:drift-check",
    action: "users:deleted",
    details: { users: rows.map((r) => r.userId).slice(0, 500), count: rows.length, stage: "heldBack" },
    idempotencyKey: `deleted-${Date.parse(input.at)}-${rows.map((r) => r.userId).sort()[0] ?? ""}`,
  });
}
