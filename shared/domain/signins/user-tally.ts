/**
 * What we keep per user from a window of sign-ins: a handful of numbers, never the sign-ins.
 * Field names are short because one tally is stored per user per window in Table Storage.
 */
export interface UserTally {
  /** Sign-ins seen. */
  n: number;
  /** MFA-related failures (MFA_FAILURE_CODES). */
  f: number;
  /** Service-error failures (SERVICE_ERROR_CODES): an outage signal, not the user's fault. */
  e: number;
  /** Sign-ins from legacy-authentication clients, which cannot answer an MFA prompt. */
  l: number;
  /** Report-only results of the rollout's policy: [success, failure, interrupted, notApplied]. */
  ro: [number, number, number, number];
  /** Failure error code → count, for MFA and service codes only. */
  codes: Record<string, number>;
  /** Cluster key (app | client | platform) → [sign-ins, MFA failures]. A user touches few clusters. */
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
