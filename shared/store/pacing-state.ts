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
 * The gateway's next allowed Conditional Access call time, kept in the counters table so it
 * outlives the activity (and the instance) that recorded it: one row per kind of call (the last
 * writer wins, which at worst spaces one call a second too little and earns one 429), and one
 * per slot a paced piece of work took (GraphHttp.withPacingScope), which its re-run reads back.
 */
export function storePacingState(counters: CountersRepository): PacingState {
  return {
    async load(kind) {
      const row = await counters.find<{ nextAllowedAt: number }>(PARTITION, WINDOW, rowPart(kind));
      const at = row?.counters.nextAllowedAt;
      return typeof at === "number" && Number.isFinite(at) ? at : undefined;
    },
    async save(kind, nextAllowedAt) {
      await counters.upsertMany(PARTITION, WINDOW, [{ userId: rowPart(kind), counters: { nextAllowedAt } }]);
    },
  };
}
