import { z } from "zod";
import type { SignInCounters } from "./sign-in-counters";
import type { UserTally } from "./user-tally";

/**
 * Counters travel through tables and activity payloads as JSON; reading them back validates
 * the shape, so a truncated or hand-edited row fails loudly instead of skewing a gate.
 */
const count = z.number().int().nonnegative();

export const userTallySchema = z.strictObject({
  n: count,
  f: count,
  e: count,
  l: count,
  ro: z.tuple([count, count, count, count]),
  codes: z.record(z.string().regex(/^-?\d+$/), count),
  c: z.record(z.string(), z.tuple([count, count])),
});

const countersSchema = z.strictObject({
  v: z.literal(1),
  policyId: z.string().nullable(),
  users: z.record(z.string(), userTallySchema),
  skipped: count,
});

export function serializeCounters(counters: SignInCounters): string {
  return JSON.stringify(counters);
}

export function parseCounters(json: string | unknown): SignInCounters {
  const value: unknown = typeof json === "string" ? JSON.parse(json) : json;
  const parsed = countersSchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid sign-in counters: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function parseUserTally(json: string | unknown): UserTally {
  const value: unknown = typeof json === "string" ? JSON.parse(json) : json;
  const parsed = userTallySchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid user tally: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
