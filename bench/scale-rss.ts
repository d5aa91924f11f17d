import { readFileSync } from "node:fs";

export interface PeakRss {
  app: number;
  azurite: number;
  /**
   * Per activity name: the most this process's JavaScript memory (V8 heap in use plus buffers
   * outside it) reached while an activity of that name ran. The simulator's thread has a heap of
   * its own, so its tenant is not counted; the host's and the app's resident state is.
   */
  byActivity: Record<string, number>;
}

/** Resident memory of another process in MB (Linux /proc), 0 when it cannot be read. */
function rssOfPid(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples this process's RSS and Azurite's (a child process, so not in ours) every 200 ms and
 * keeps the peaks, and each running activity's (`running` names them); stop() returns them in MB
 * and may be called more than once.
 */
export function peakRssSampler(
  azuritePid: number | undefined,
  running: () => Iterable<string> = () => [],
): { stop(): PeakRss } {
  const peak: PeakRss = { app: 0, azurite: 0, byActivity: {} };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.app = Math.max(peak.app, usage.rss / 1024 / 1024);
    peak.azurite = Math.max(peak.azurite, rssOfPid(azuritePid));
    const js = (usage.heapUsed + usage.external) / 1024 / 1024;
    for (const name of running()) peak.byActivity[name] = Math.max(peak.byActivity[name] ?? 0, js);
  };
  sample();
  const timer = setInterval(sample, 200);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const byActivity = Object.fromEntries(
        Object.entries(peak.byActivity).map(([name, mb]) => [name, Math.round(mb)]),
      );
      return { app: Math.round(peak.app), azurite: Math.round(peak.azurite), byActivity };
    },
  };
}
