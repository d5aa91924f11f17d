import type { AuditEntry } from "../../shared/store";
import type { Stack } from "../../local/rehearsal/start-stack";

/** What a finished rollout left behind, in a form two runs can be compared by. */
export interface RolloutEnd {
  status: string;
  usersByStage: Record<string, string[]>;
  enforcedGroup: string[];
  /** Per gate evaluation: wave, gate kind, time, verdict, decision. */
  decisions: string[];
  /** Per audit row: action, wave and idempotency key (times of engine rows are orchestrator times). */
  audit: string[];
}

export async function rolloutEnd(stack: Stack, rolloutId: string): Promise<RolloutEnd> {
  const rollout = await stack.store.rollouts.get(rolloutId);
  const usersByStage: Record<string, string[]> = {};
  for (const user of await stack.store.users.list(rolloutId, {}, 1_000_000))
    (usersByStage[user.stage] ??= []).push(user.userId);
  for (const ids of Object.values(usersByStage)) ids.sort();
  return {
    status: rollout.status,
    usersByStage,
    enforcedGroup: [...stack.sim.tenant.listMemberIds(rollout.enforcedGroupId ?? "")].sort(),
    decisions: await decisionLog(stack, rolloutId),
    audit: withRequestOrdinals(await stack.store.audit.list(rolloutId, { limit: 1_000_000 }))
      .map((a) => `${a.action}|${a.waveIndex ?? ""}|${a.idempotencyKey ?? ""}`)
      .sort(),
  };
}

/**
 * An admin request's id is random (a raised event must not be able to guess one), so two runs
 * name the same request differently: keys holding one compare by the request's place in the log.
 */
function withRequestOrdinals(rows: readonly AuditEntry[]): AuditEntry[] {
  const ordinals = new Map<string, number>();
  const REQUEST_KEY = /^(request|accepted)-([0-9a-f-]{36})$/;
  return rows.map((row) => {
    const match = REQUEST_KEY.exec(row.idempotencyKey ?? "");
    if (!match?.[2]) return row;
    const ordinal = ordinals.get(match[2]) ?? ordinals.size + 1;
    ordinals.set(match[2], ordinal);
    return { ...row, idempotencyKey: `${match[1]}-#${ordinal}` };
  });
}

async function decisionLog(stack: Stack, rolloutId: string): Promise<string[]> {
  return (await stack.store.gates.list(rolloutId, { limit: 1_000_000 })).map(
    (g) => `wave ${g.waveIndex} ${g.gate} at ${g.evaluatedAt}: ${g.verdict} → ${g.decision ?? "-"}`,
  );
}

/** A cheap fingerprint of progress at one step: status, stage counts and the decisions so far. */
export async function progressDigest(stack: Stack, rolloutId: string): Promise<string> {
  const rollout = await stack.store.rollouts.get(rolloutId);
  return JSON.stringify([rollout.status, rollout.counts, await decisionLog(stack, rolloutId)]);
}

/** Idempotency keys used by more than one audit row: a step recorded twice. */
export function duplicatedAuditKeys(end: RolloutEnd): string[] {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const row of end.audit) {
    const key = row.split("|")[2];
    if (!key) continue;
    if (seen.has(key)) duplicated.add(key);
    seen.add(key);
  }
  return [...duplicated];
}
