/** What the gateway has cost Graph; the rehearsal and benchmarks report it. */
export interface GraphRequestCounts {
  /** HTTP requests sent (a `$batch` is one). */
  total: number;
  /** Writes Graph bills for: non-GET requests, each item inside a `$batch` counted on its own. */
  writes: number;
  /** Items carried inside `$batch` requests. */
  batchItems: number;
  /** Answers (top-level or batch item) that were 429/503/504. */
  throttled: number;
  /** Requests or batch items sent again after a throttle or transient failure. */
  retries: number;
}

export function emptyCounts(): GraphRequestCounts {
  return { total: 0, writes: 0, batchItems: 0, throttled: 0, retries: 0 };
}

/** Adds to every tally given, so an operation can report its own cost next to the gateway's. */
export function bump(tallies: readonly GraphRequestCounts[], field: keyof GraphRequestCounts, by = 1): void {
  for (const tally of tallies) tally[field] += by;
}
