/**
 * What we keep per user from a window of sign-ins: a handful of numbers, never the sign-ins.
 * Every count is of sign-in ATTEMPTS (the rows of one correlation, see sign-in-fold.ts), not rows.
 * Field names are short because one tally is stored per user per window in Table Storage.
 */
export interface UserTally {
  /** Attempts that reached MFA or completed (attempts with only a wrong password are not counted). */
  n: number;
  /** Attempts that ended at the MFA requirement: a terminal code, or a prompt nothing completed. */
  f: number;
  /** Attempts that ended on a service error (SERVICE_ERROR_CODES): an outage signal, not the user's fault. */
  e: number;
  /** Attempts from legacy-authentication clients, which cannot answer an MFA prompt. */
  l: number;
  /** Report-only results of the rollout's policy, per attempt: [success, failure, interrupted, notApplied]. */
  ro: [number, number, number, number];
  /** Code a failed attempt ended on → attempts, for MFA and service codes only. */
  codes: Record<string, number>;
  /** Cluster key (app | client | platform) → [attempts, failed attempts]. A user touches few clusters. */
  c: Record<string, [number, number]>;
}

export function emptyTally(): UserTally {
  return { n: 0, f: 0, e: 0, l: 0, ro: [0, 0, 0, 0], codes: {}, c: {} };
}

/** The most frequent failure code of a tally among `codes` (ties: the lower code), or null. */
export function dominantCode(tally: UserTally, among?: readonly number[]): number | null {
  let best: [number, number] | null = null;
  for (const [text, count] of Object.entries(tally.codes)) {
    const code = Number(text);
    if (among && !among.includes(code)) continue;
    if (!best || count > best[1] || (count === best[1] && code < best[0])) best = [code, count];
  }
  return best ? best[0] : null;
}
