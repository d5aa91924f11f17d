/**
 * Spacing of Conditional Access calls. Graph allows about one Conditional Access request per
 * second per tenant and its 429s carry no Retry-After (https://learn.microsoft.com/graph/
 * throttling-limits, "Identity protection and conditional access service limits"), so every 429
 * costs a blind backoff and counts against the budget other admins share. The gateway therefore
 * waits until the next allowed time before each such call.
 *
 * That time is state, kept behind PacingState: the app stores it (shared/store/pacing-state.ts), so an
 * activity re-run after a crash finds the time its first run already reached and waits only what
 * is left, instead of starting over from a guess (or a 429).
 */
export interface PacingState {
  /** Epoch ms before which the next call of `kind` must not go out, when one is recorded. */
  load(kind: string): Promise<number | undefined>;
  save(kind: string, nextAllowedAt: number): Promise<void>;
}

export interface PolicyPacing {
  state: PacingState;
  /** Gap between two Conditional Access calls (default 1,000 ms: Graph's one per second). */
  spacingMs?: number;
}

export const CONDITIONAL_ACCESS_SPACING_MS = 1_000;
export const CONDITIONAL_ACCESS_KIND = "conditionalAccess";

export function isConditionalAccessPath(path: string): boolean {
  return path.startsWith("/identity/conditionalAccess/");
}

/** Process memory only: for tests and one-process tools (nothing survives a restart). */
export function memoryPacingState(): PacingState {
  const next = new Map<string, number>();
  return {
    load: (kind) => Promise.resolve(next.get(kind)),
    save: (kind, at) => {
      next.set(kind, at);
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
