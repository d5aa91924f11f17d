import { CronExpressionParser } from "cron-parser";

/**
 * Next firing of an NCRONTAB schedule (6 fields, seconds first, UTC as on Azure by default)
 * strictly after `after`.
 */
export function nextOccurrence(schedule: string, after: Date): Date {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(
      `Timer schedule '${schedule}' must be an NCRONTAB expression with 6 fields ` +
        "({second} {minute} {hour} {day} {month} {day-of-week}); TimeSpan and %setting% schedules are not supported",
    );
  }
  const expression = CronExpressionParser.parse(fields.join(" "), { currentDate: after, tz: "UTC" });
  return expression.next().toDate();
}
