export interface ActivityTime {
  name: string;
  runs: number;
  seconds: number;
}

/**
 * Runs and handler wall time per activity name, busiest first, from the durable host's activity
 * log. The host runs activities one after another, so these add up to most of a rehearsal's wall
 * time: the scale section reports them so that where the time goes is in every bench run.
 */
export function activityTimes(log: readonly { name: string; durationMs?: number }[]): ActivityTime[] {
  const byName = new Map<string, ActivityTime>();
  for (const { name, durationMs } of log) {
    const entry = byName.get(name) ?? { name, runs: 0, seconds: 0 };
    entry.runs += 1;
    entry.seconds += (durationMs ?? 0) / 1000;
    byName.set(name, entry);
  }
  return [...byName.values()]
    .map((entry) => ({ ...entry, seconds: Math.round(entry.seconds * 10) / 10 }))
    .sort((a, b) => b.seconds - a.seconds);
}
