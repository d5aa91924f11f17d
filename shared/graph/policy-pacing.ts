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
  /** Epoch ms stored under `key` (a kind's next allowed time, or a scope's record), if any. */
  load(key: string): Promise<number | undefined>;
  /** Stores every entry together (one table batch): a kind's time and the scope's record. */
  saveAll(entries: readonly (readonly [key: string, value: number])[]): Promise<void>;
}

/** One kind of paced call: which paths it covers and how far apart two of them go out. */
export interface PacedKind {
  kind: string;
  spacingMs: number;
  covers(path: string): boolean;
}

export interface PolicyPacing {
  state: PacingState;
  /** Gap between two Conditional Access calls (default 1,000 ms: Graph's one per second). */
  spacingMs?: number;
  /** Gap between two report reads (default 2,000 ms: five per ten seconds). */
  reportsSpacingMs?: number;
}

export const CONDITIONAL_ACCESS_SPACING_MS = 1_000;
export const CONDITIONAL_ACCESS_KIND = "conditionalAccess";
/** Five a sliding ten seconds: one every two seconds never puts a sixth in any window. */
export const REPORTS_SPACING_MS = 2_000;
export const REPORTS_KIND = "reports";

export function isConditionalAccessPath(path: string): boolean {
  return path.startsWith("/identity/conditionalAccess/");
}

/** Sign-in and audit logs, and the authentication-methods reports (registration details). */
export function isReportsPath(path: string): boolean {
  return path.startsWith("/auditLogs/") || path.startsWith("/reports/");
}

export function pacedKinds(pacing: PolicyPacing): PacedKind[] {
  return [
    {
      kind: CONDITIONAL_ACCESS_KIND,
      spacingMs: pacing.spacingMs ?? CONDITIONAL_ACCESS_SPACING_MS,
      covers: isConditionalAccessPath,
    },
    { kind: REPORTS_KIND, spacingMs: pacing.reportsSpacingMs ?? REPORTS_SPACING_MS, covers: isReportsPath },
  ];
}

/** Process memory only: for tests and one-process tools (nothing survives a restart). */
export function memoryPacingState(): PacingState {
  const next = new Map<string, number>();
  return {
    load: (key) => Promise.resolve(next.get(key)),
    saveAll: (entries) => {
      for (const [key, value] of entries) next.set(key, value);
      return Promise.resolve();
    },
  };
}

/**
 * How long to wait before a call at `now` given the recorded next allowed time, and the time to
 * record for the call after it. Pure, so the arithmetic is tested on its own.
 */
export function paceCall(
  now: number,
  nextAllowedAt: number | undefined,
  spacingMs: number,
): { waitMs: number; nextAllowedAt: number } {
  const at = Math.max(now, nextAllowedAt ?? now);
  return { waitMs: at - now, nextAllowedAt: at + spacingMs };
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
