import { ConcurrencyError, type EntityLocation } from "./errors";

export interface UpdateOptions {
  /** Further attempts after a lost race (412); 0 turns the update into a single conditional write. */
  retries?: number;
}

export const DEFAULT_UPDATE_RETRIES = 8;

/**
 * Read, apply `mutate`, write back only if nobody wrote in between (If-Match on the ETag); on a
 * lost race read again and re-apply, so both writers' changes survive. `mutate` must be a pure
 * function of the row it is given: it may run more than once. Returning undefined skips the write.
 */
export async function readModifyWrite<R, P>(args: {
  location: EntityLocation;
  read: () => Promise<R>;
  mutate: (current: R) => P | undefined | Promise<P | undefined>;
  write: (current: R, patch: P) => Promise<R>;
  retries?: number;
}): Promise<R> {
  const retries = args.retries ?? DEFAULT_UPDATE_RETRIES;
  for (let attempt = 0; ; attempt++) {
    const current = await args.read();
    const patch = await args.mutate(current);
    if (patch === undefined) return current;
    try {
      return await args.write(current, patch);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= retries) {
        throw new ConcurrencyError(args.location, `gave up after ${attempt + 1} attempts`, { cause: error });
      }
      // Jittered back-off so two writers that collided do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
    }
  }
}
