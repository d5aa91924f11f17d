import { readFileSync } from "node:fs";

export interface PeakRss {
  app: number;
  azurite: number;
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
 * keeps the peaks; stop() returns them in MB and may be called more than once.
 */
export function peakRssSampler(azuritePid: number | undefined): { stop(): PeakRss } {
  const peak: PeakRss = { app: 0, azurite: 0 };
  const sample = () => {
    peak.app = Math.max(peak.app, process.memoryUsage().rss / 1024 / 1024);
    peak.azurite = Math.max(peak.azurite, rssOfPid(azuritePid));
  };
  sample();
  const timer = setInterval(sample, 200);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { app: Math.round(peak.app), azurite: Math.round(peak.azurite) };
    },
  };
}
