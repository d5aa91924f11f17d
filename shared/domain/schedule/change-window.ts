import { DateTime } from "luxon";

/**
 * Change windows are wall-clock times in the plan's time zone ("Mon–Thu 08:00–16:00 London"),
 * so every check converts the instant to that zone first: a window keeps its local hours
 * across daylight-saving changes, and blackout dates are local dates.
 */
export interface ScheduleInput {
  timeZone: string;
  /** Absent or empty: any time is inside the window. */
  changeWindows?: readonly { days: readonly string[]; start: string; end: string }[];
  blackoutDates?: readonly string[];
}

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** Far enough to cross a year of blackouts; a schedule with no opening in that time is broken. */
const SEARCH_DAYS = 400;

export type Instant = Date | string | number;

function localTime(schedule: ScheduleInput, instant: Instant): DateTime {
  const at =
    typeof instant === "string"
      ? // An ISO string without an offset is read as UTC, never as the host's local time.
        DateTime.fromISO(instant, { zone: "utc", setZone: true })
      : DateTime.fromMillis(typeof instant === "number" ? instant : instant.getTime());
  if (!at.isValid) throw new Error(`invalid instant "${String(instant)}"`);
  const local = at.setZone(schedule.timeZone);
  if (!local.isValid) throw new Error(`unknown time zone "${schedule.timeZone}"`);
  return local;
}

function minutes(clock: string): number {
  const [h = "0", m = "0"] = clock.split(":");
  return Number(h) * 60 + Number(m);
}

function isBlackout(schedule: ScheduleInput, local: DateTime): boolean {
  return (schedule.blackoutDates ?? []).includes(local.toISODate() ?? "");
}

export function isInsideChangeWindow(schedule: ScheduleInput, instant: Instant): boolean {
  const local = localTime(schedule, instant);
  if (isBlackout(schedule, local)) return false;
  const windows = schedule.changeWindows ?? [];
  if (windows.length === 0) return true;
  const day = DAY_NAMES[local.weekday - 1] ?? "";
  const now = local.hour * 60 + local.minute;
  return windows.some((w) => w.days.includes(day) && minutes(w.start) <= now && now < minutes(w.end));
}

/**
 * The first instant at or after `instant` inside a change window: `instant` itself when a window
 * is open, else the next opening. Null when no window opens within about a year (e.g. every
 * allowed day is blacked out). A window starting in a daylight-saving gap opens when the local
 * clock resumes (luxon moves 01:30 on a spring-forward night to 02:30).
 */
export function nextWindowOpening(schedule: ScheduleInput, instant: Instant): Date | null {
  if (isInsideChangeWindow(schedule, instant)) return toDate(instant);
  const local = localTime(schedule, instant);
  // No windows means "any time": only blackout dates close it, so the next opening is a midnight.
  const given = schedule.changeWindows ?? [];
  const windows =
    given.length > 0
      ? [...given].sort((a, b) => minutes(a.start) - minutes(b.start))
      : [{ days: DAY_NAMES, start: "00:00", end: "24:00" }];
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const day = local.startOf("day").plus({ days: offset });
    if (isBlackout(schedule, day)) continue;
    const dayName = DAY_NAMES[day.weekday - 1] ?? "";
    for (const window of windows) {
      if (!window.days.includes(dayName)) continue;
      const start = minutes(window.start);
      const opening = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: Math.floor(start / 60), minute: start % 60 },
        { zone: schedule.timeZone },
      );
      if (opening.toMillis() > local.toMillis()) return opening.toJSDate();
    }
  }
  return null;
}

/** When the window open at `instant` closes, or null when none is open (or windows are unrestricted). */
export function currentWindowEnd(schedule: ScheduleInput, instant: Instant): Date | null {
  if (!isInsideChangeWindow(schedule, instant)) return null;
  const local = localTime(schedule, instant);
  const day = DAY_NAMES[local.weekday - 1] ?? "";
  const now = local.hour * 60 + local.minute;
  const open = (schedule.changeWindows ?? []).filter(
    (w) => w.days.includes(day) && minutes(w.start) <= now && now < minutes(w.end),
  );
  if (open.length === 0) return null;
  const end = Math.max(...open.map((w) => minutes(w.end)));
  return local
    .startOf("day")
    .set({ hour: Math.floor(end / 60), minute: end % 60 })
    .toJSDate();
}

function toDate(instant: Instant): Date {
  return typeof instant === "string"
    ? new Date(instant)
    : new Date(typeof instant === "number" ? instant : instant.getTime());
}
