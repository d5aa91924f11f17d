import type { AppPorts } from "./ports";
import { refreshCounts } from "../store/rollout-facts";
import { appendWithNotification } from "./notify-event";

export interface CompleteRolloutInput {
  rolloutId: string;
  at: string;
  outcome: "completed" | "aborted";
}

/** The orchestration is ending: nothing more will change unless an admin starts something new. */
export async function completeRollout(
  deps: Pick<AppPorts, "store" | "clock">,
  input: CompleteRolloutInput,
): Promise<void> {
  const { store } = deps;
  await refreshCounts(store, input.rolloutId);
  const record = await store.rollouts.update(input.rolloutId, () => ({
    status: input.outcome,
    statusReason: input.outcome === "completed" ? "every wave is done" : "aborted by an admin",
    activeWaveInstanceId: "",
  }));
  const entry = {
    at: input.at,
    actor: "system:engine",
    action: `rollout:${input.outcome}`,
    details: { counts: record.counts },
    idempotencyKey: `rollout-${input.outcome}`,
  };
  // Completion was announced when the last wave ended (the rollout's "completed" status); an abort
  // is announced here, where the orchestration actually stops.
  if (input.outcome === "aborted") {
    const { enforced, heldBack, reportOnly } = record.counts;
    await appendWithNotification(deps, input.rolloutId, entry, {
      kind: "abort",
      summary: `aborted by an admin: ${enforced} user(s) stay enforced, ${heldBack} held back, ${reportOnly} under report-only; nothing was rolled back`,
    });
  } else {
    await store.audit.append(input.rolloutId, entry);
  }
}
