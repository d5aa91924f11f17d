import { percent } from "../domain/gates/gate-result";

export { percent };

/** "2026-01-26T20:00:00.000Z" → "2026-01-26 20:00" (the report says once that times are UTC). */
export function shortTime(iso: string | undefined): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toISOString().slice(0, 16).replace("T", " ");
}

/** Whole days and hours between two instants, e.g. "27 d 1 h". */
export function span(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return "";
  const hours = Math.round(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  return days > 0 ? `${days} d ${hours % 24} h` : `${hours} h`;
}
