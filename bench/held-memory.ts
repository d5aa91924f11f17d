import { forceGc } from "./force-gc";

/** What a piece of work made this process hold, in MB of JavaScript memory (heap in use plus buffers). */
export interface HeldMemory {
  /** Held after a full collection just before the work started. */
  idleMb: number;
  /** The most held after any of the full collections forced while it ran (idle included). */
  heldPeakMb: number;
  addedMb: number;
  seconds: number;
}

const SAMPLE_EVERY_MS = 300;

function heldMb(): number {
  forceGc();
  const usage = process.memoryUsage();
  return Math.round((usage.heapUsed + usage.external) / 1024 / 1024);
}

/**
 * Runs `work` while forcing a full collection every 300 ms and noting what is still held: garbage
 * does not count, what the work keeps reachable does. A thread's own heap (the simulator's) is
 * not this isolate's and is not counted.
 */
export async function measureHeld<T>(work: () => Promise<T>): Promise<{ value: T; memory: HeldMemory }> {
  const idleMb = heldMb();
  let peak = idleMb;
  const sampler = setInterval(() => (peak = Math.max(peak, heldMb())), SAMPLE_EVERY_MS);
  const started = Date.now();
  try {
    const value = await work();
    peak = Math.max(peak, heldMb());
    return {
      value,
      memory: {
        idleMb,
        heldPeakMb: peak,
        addedMb: peak - idleMb,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      },
    };
  } finally {
    clearInterval(sampler);
  }
}
