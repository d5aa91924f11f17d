import { z } from "zod";
import type { SignInCounters, UserTally } from "../domain";
import { fromStoredTally, toStoredTally, type StoredTally } from "./stored-tally";

/**
 * Counters as validated JSON, each tally in its stored form (stored-tally.ts): reading them back
 * checks the shape, so a truncated or hand-edited row fails loudly instead of skewing a gate.
 */
const count = z.number().int().nonnegative();

const storedTallySchema = z.strictObject({
  n: count,
  f: count,
  e: count,
  l: count,
  ro: z.tuple([count, count, count, count]),
  codes: z.record(z.string().regex(/^-?\d+$/), count),
  c: z.record(z.string(), z.tuple([count, count])),
}) satisfies z.ZodType<StoredTally>;

const countersSchema = z.strictObject({
  v: z.literal(1),
  policyId: z.string().nullable(),
  users: z.record(z.string(), storedTallySchema),
  skipped: count,
});

export function serializeCounters(counters: SignInCounters): string {
  const users: Record<string, StoredTally> = {};
  for (const [userId, tally] of Object.entries(counters.users)) users[userId] = toStoredTally(tally);
  return JSON.stringify({ ...counters, users });
}

export function parseCounters(json: string | unknown): SignInCounters {
  const value: unknown = typeof json === "string" ? JSON.parse(json) : json;
  const parsed = countersSchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid sign-in counters: ${z.prettifyError(parsed.error)}`);
  const users: Record<string, UserTally> = {};
  for (const [userId, tally] of Object.entries(parsed.data.users)) users[userId] = fromStoredTally(tally);
  return { ...parsed.data, users };
}

export function parseUserTally(json: string | unknown): UserTally {
  const value: unknown = typeof json === "string" ? JSON.parse(json) : json;
  const parsed = storedTallySchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid user tally: ${z.prettifyError(parsed.error)}`);
  return fromStoredTally(parsed.data);
}
