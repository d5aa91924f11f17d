/**
 * Spacing of the Graph calls whose limits are per tenant and small (Microsoft Graph
 * service-specific throttling limits, https://learn.microsoft.com/graph/throttling-limits):
 * - "Identity protection and conditional access service limits": 1 request per second per tenant
 *   for all apps, and their 429s carry no Retry-After, so every 429 costs a blind backoff and
 *   counts against the budget other admins share;
 * - "Identity and access reports service limits" (signIn, auditLogRoot, authenticationMethod
 *   reports such as userRegistrationDetails): 5 requests per 10 seconds per app and tenant, a
 *   429 with Retry-After past it. A 100,000-user rollout reads thousands of such pages.
 * The gateway therefore waits until the next allowed time of the call's kind before sending it.
 *
 * That time is state, kept behind PacingState: the app stores it (shared/store/pacing-state.ts), so an
 * activity re-run after a crash finds the time its first run already reached and waits only what
 * is left, instead of starting over from a guess (or a 429).
 */
export interface PacingState {
  /** Numbers stored under `key` (a kind's last slot times, or a scope's record), if any. */
  load(key: string): Promise<readonly number[] | undefined>;
  /** Stores every entry together (one table batch): a kind's slots and the scope's record. */
  saveAll(entries: readonly (readonly [key: string, value: readonly number[]])[]): Promise<void>;
}

/** Graph's limit for a kind of call: at most `limit` in any `windowMs`. */
export interface PaceLimit {
  limit: number;
  windowMs: number;
}

/** One kind of paced call: which paths it covers and the limit it is paced by. */
export interface PacedKind extends PaceLimit {
  kind: string;
  covers(path: string): boolean;
}

export interface PolicyPacing {
  state: PacingState;
}

export const CONDITIONAL_ACCESS_KIND = "conditionalAccess";
export const CONDITIONAL_ACCESS_LIMIT: PaceLimit = { limit: 1, windowMs: 1_000 };
export const REPORTS_KIND = "reports";
export const REPORTS_LIMIT: PaceLimit = { limit: 5, windowMs: 10_000 };

export function isConditionalAccessPath(path: string): boolean {
  return path.startsWith("/identity/conditionalAccess/");
}

/** Sign-in and audit logs, and the authentication-methods reports (registration details). */
export function isReportsPath(path: string): boolean {
  return path.startsWith("/auditLogs/") || path.startsWith("/reports/");
}

export const PACED_KINDS: readonly PacedKind[] = [
  { kind: CONDITIONAL_ACCESS_KIND, ...CONDITIONAL_ACCESS_LIMIT, covers: isConditionalAccessPath },
  { kind: REPORTS_KIND, ...REPORTS_LIMIT, covers: isReportsPath },
];

/** Process memory only: for tests and one-process tools (nothing survives a restart). */
export function memoryPacingState(): PacingState {
  const next = new Map<string, readonly number[]>();
  return {
    load: (key) => Promise.resolve(next.get(key)),
    saveAll: (entries) => {
      for (const [key, value] of entries) next.set(key, value);
      return Promise.resolve();
    },
  };
}

/**
 * The slot for a call at `now` given the kind's last slots (oldest first): no earlier than the
 * last one (calls go out in the order they asked), and a full window after the one `limit` back,
 * so no window of Graph's ever holds more than `limit` (Graph drops a call from its window once
 * the window has passed it: https://learn.microsoft.com/graph/throttling-limits). Returns the wait
 * and the slots to record (the last `limit`). Pure, so the arithmetic is tested on its own.
 */
export function paceCall(
  now: number,
  recent: readonly number[] | undefined,
  { limit, windowMs }: PaceLimit,
): { waitMs: number; at: number; recent: number[] } {
  const slots = [...(recent ?? [])];
  let at = Math.max(now, slots[slots.length - 1] ?? now);
  const back = slots[slots.length - limit];
  if (back !== undefined) at = Math.max(at, back + windowMs);
  slots.push(at);
  return { waitMs: at - now, at, recent: slots.slice(-limit) };
}

/** Longer than any paced limit's window (ten seconds for reports). */
export const SCOPE_REUSE_MS = 60_000;

/**
 * What a scope (one piece of work a crash may run again) recorded of its calls of one kind: how
 * many slots it took and when the last one was. Calls before the last went out before the crash
 * (each waited for its slot first), so a re-run waits for none of them; its call number `taken - 1`
 * waits for what is left of that last slot; later calls take new slots. A record older than SCOPE_REUSE_MS is not reused.
 */
export function reusedSlotWait(
  call: number,
  taken: { calls: number; lastAt: number } | undefined,
  now: number,
): number | undefined {
  if (!taken || call >= taken.calls) return undefined;
  // Long after its last slot nothing the first run sent counts against any limit any more, and
  // the same work read again (a gate evaluated twice on the same users) must be paced afresh.
  if (now - taken.lastAt > SCOPE_REUSE_MS) return undefined;
  return call === taken.calls - 1 ? Math.max(0, taken.lastAt - now) : 0;
}
