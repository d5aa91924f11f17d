import type { PacingState } from "../graph/policy-pacing";
import type { CountersRepository } from "./counters-repository";

/** A partition no rollout id can take (plans allow only lower-case letters, digits and dashes). */
const PARTITION = "~graph-pacing";
const WINDOW = "next-allowed";

/** Table keys may not hold `/`, `\\`, `#` or `?`; a pacing key may (it carries caller input). */
function rowPart(kind: string): string {
  return encodeURIComponent(kind);
}

/**
 * The gateway's last slots per kind of paced call (Conditional Access, reports), kept in
 * the counters table so it outlives the activity (and the instance) that recorded it: one row per
 * kind (the last writer wins, which at worst spaces one call too little and earns one 429), and
 * one per paced piece of work (GraphHttp.withPacingScope: slots taken, last slot's time), which
 * its re-run reads back. Rows of one save share a partition, so they go in one batch.
 */
export function storePacingState(counters: CountersRepository): PacingState {
  return {
    async load(kind) {
      const row = await counters.find<{ at: unknown }>(PARTITION, WINDOW, rowPart(kind));
      const at = row?.counters.at;
      return Array.isArray(at) && at.every((n) => typeof n === "number" && Number.isFinite(n))
        ? (at as number[])
        : undefined;
    },
    async saveAll(entries) {
      await counters.upsertMany(
        PARTITION,
        WINDOW,
        entries.map(([key, at]) => ({ userId: rowPart(key), counters: { at } })),
      );
    },
  };
}
