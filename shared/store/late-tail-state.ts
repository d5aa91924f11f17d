import { nextLateTail, type LateTailState, type TailRead } from "../domain";
import type { StatusStore } from "./status-store";

/** One document per rollout in the counters table, beside the windows: every read shares it. */
const LATE_TAIL_KEY = "late-tail";

interface LateTailMeta {
  v: 1;
}

/** What the rollout's earlier reads learned about late rows (shared/domain/signins/late-tail.ts). */
export async function readLateTail(
  store: StatusStore,
  rolloutId: string,
): Promise<LateTailState | undefined> {
  const document = await store.counters.readDocument<LateTailMeta>(rolloutId, LATE_TAIL_KEY);
  return document ? (JSON.parse(document.body) as LateTailState) : undefined;
}

/**
 * Stores what this read learned. A retry of a read already stored (same `readTo`) changes
 * nothing: it reuses the stored tail, and comparing the read with itself would find no late rows.
 */
export async function saveLateTail(
  store: StatusStore,
  rolloutId: string,
  previous: LateTailState | undefined,
  observed: { read: TailRead; limits: { settleMs: number; maxTailMs: number } },
): Promise<void> {
  if (previous && previous.asOf >= observed.read.readTo) return;
  const next = nextLateTail(previous, observed.read, observed.limits);
  await store.counters.writeDocument<LateTailMeta>(rolloutId, LATE_TAIL_KEY, {
    meta: { v: 1 },
    body: JSON.stringify(next),
  });
}
