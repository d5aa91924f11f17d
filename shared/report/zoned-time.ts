import { DateTime } from "luxon";
import { validatePlan } from "../domain";

/** Formats an instant for people; blank for a missing one, the text itself for a bad one. */
export type TimeFormat = (iso: string | undefined) => string;

export const UTC = "UTC";

/**
 * "2026-01-26 21:00 +01:00": the wall time in `zone` with its offset that day, so a reader in
 * the plan's zone reads their own clock and anyone else can still convert. UTC: "… 20:00 UTC".
 */
export function timeFormat(zone: string): TimeFormat {
  return (iso) => {
    if (!iso) return "";
    const at = DateTime.fromISO(iso, { zone });
    if (!at.isValid) return iso;
    return zone === UTC ? `${at.toFormat("yyyy-MM-dd HH:mm")} UTC` : at.toFormat("yyyy-MM-dd HH:mm ZZ");
  };
}

/** The zone a rollout's times are shown in: its plan's schedule zone, or UTC when asked or unknown. */
export function displayZone(plan: unknown, utc = false): string {
  if (utc) return UTC;
  const parsed = validatePlan(plan);
  return parsed.ok ? parsed.plan.schedule.timeZone : UTC;
}
