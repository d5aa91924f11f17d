import type { OpenWatchResult } from "../activity-contracts";

/** Untested clusters the wave's result names; the wave row and the audit keep the rest. */
const NAMED = 5;

/**
 * "health gate passed at the end of the bake; watching until 2026-03-09T08:00:00.000Z; not tested
 * enough yet: Contoso Invoicing on iOS: 1 attempt in the bake — watching".
 */
export function bakeResult(watch: OpenWatchResult): string {
  const base = `health gate passed at the end of the bake; watching until ${watch.watchUntil}`;
  if (watch.untested.length === 0) return base;
  const more = watch.untested.length > NAMED ? `; and ${watch.untested.length - NAMED} more` : "";
  return `${base}; not tested enough yet: ${watch.untested.slice(0, NAMED).join("; ")}${more}`;
}
