import { readFileSync } from "node:fs";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { forceGc } from "./force-gc";

export interface PeakRss {
  app: number;
  azurite: number;
  /**
   * Per activity name: the most this process's JavaScript memory (V8 heap in use plus buffers
   * outside it) reached while an activity of that name ran. The simulator's thread has a heap of
   * its own, so its tenant is not counted; the host's and the app's resident state is.
   */
  byActivity: Record<string, number>;
  /**
   * Per activity name: the most JavaScript memory this process still held right after a full
   * (mark-compact) collection that ended while an activity of that name ran, i.e. without the
   * garbage that byActivity counts. A kind no full collection fell into is absent: it never made
   * the heap grow enough to need one.
   */
  liveByActivity: Record<string, number>;
}

/** This process's JavaScript memory (V8 heap in use plus buffers outside it) in MB. */
function jsMemoryMb(): number {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1024 / 1024;
}

/**
 * What this process holds before any activity has run (host, app, simulator client, loaded
 * code), after a full collection so that no garbage is counted: the part of every activity's
 * peak that does not grow with the tenant.
 */
export function idleJsMemoryMb(): number {
  forceGc();
  return Math.round(jsMemoryMb());
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
  const peak: PeakRss = { app: 0, azurite: 0, byActivity: {}, liveByActivity: {} };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.app = Math.max(peak.app, usage.rss / 1024 / 1024);
    peak.azurite = Math.max(peak.azurite, rssOfPid(azuritePid));
    const js = jsMemoryMb();
    for (const name of running()) peak.byActivity[name] = Math.max(peak.byActivity[name] ?? 0, js);
  };
  // Observers hear of a collection just after it ended, before much is allocated again.
  const collections = new PerformanceObserver((list) => {
    const full = list
      .getEntries()
      .some(
        (entry) =>
          (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      );
    if (!full) return;
    const js = jsMemoryMb();
    for (const name of running()) peak.liveByActivity[name] = Math.max(peak.liveByActivity[name] ?? 0, js);
  });
  collections.observe({ entryTypes: ["gc"] });
  sample();
  const timer = setInterval(sample, 200);
  timer.unref();
  const rounded = (byName: Record<string, number>) =>
    Object.fromEntries(Object.entries(byName).map(([name, mb]) => [name, Math.round(mb)]));
  return {
    stop: () => {
      clearInterval(timer);
      collections.disconnect();
      sample();
      return {
        app: Math.round(peak.app),
        azurite: Math.round(peak.azurite),
        byActivity: rounded(peak.byActivity),
        liveByActivity: rounded(peak.liveByActivity),
      };
    },
  };
}
