import type { Clock } from "../clock";
import type { DurableClientData } from "./client-data";
import type { Faults } from "./faults";
import type { InboxMessage, InstanceState } from "./instance-state";
import type { InstanceStore } from "./instance-store";
import type { HostLog } from "./invocation-context";
import type { Registry } from "./registry";

export interface EngineOptions {
  registry: Registry;
  store: InstanceStore;
  clock: Clock;
  faults: Faults;
  log: HostLog;
  clientData: () => DurableClientData;
  activityConcurrency: number;
  /** host.json `extensions.durableTask.maxOrchestrationActions`; default 100,000. */
  maxOrchestrationActions?: number;
}

/**
 * What the engine's parts share: the instances in memory, the arrival sequence that orders all
 * work, and write-through persistence (one save chain per instance, so saves land in order).
 */
export class EngineCore {
  readonly instances = new Map<string, InstanceState>();
  private readonly saveChains = new Map<string, Promise<void>>();
  private seq = 0;
  private haltedBy: string | undefined;

  constructor(readonly options: EngineOptions) {}

  get halted(): string | undefined {
    return this.haltedBy;
  }

  /** A halted host saves nothing more: it behaves like a process that died at that point. */
  halt(reason: string): void {
    this.haltedBy ??= reason;
  }

  now(): Date {
    return this.options.clock.now();
  }

  nextSeq(): number {
    return this.seq++;
  }

  /** Loads an instance from the store, keeping the sequence ahead of everything it holds. */
  adopt(state: InstanceState): void {
    this.instances.set(state.instanceId, state);
    for (const item of [...state.inbox, ...state.activities]) this.seq = Math.max(this.seq, item.seq + 1);
  }

  persist(state: InstanceState): Promise<void> {
    if (this.haltedBy) return Promise.resolve();
    const snapshot = JSON.parse(JSON.stringify(state)) as InstanceState;
    const previous = this.saveChains.get(state.instanceId) ?? Promise.resolve();
    // A failed save must not poison the chain: the next one carries the whole state anyway.
    const next = previous
      .catch(() => undefined)
      .then(() => saveRiding(() => this.options.store.save(snapshot), this.options.log));
    this.saveChains.set(state.instanceId, next);
    return next;
  }

  /** Waits for queued writes, so a host started next on the same store sees everything. */
  async flush(): Promise<void> {
    await Promise.all([...this.saveChains.values()]);
  }

  enqueue(
    state: InstanceState,
    message: Omit<InboxMessage, "seq" | "visibleAt" | "executionId">,
    visibleAt: Date = this.now(),
  ): void {
    state.inbox.push({
      seq: this.nextSeq(),
      visibleAt: visibleAt.toISOString(),
      executionId: state.executionId,
      ...message,
    });
  }
}

/** How long a save keeps trying while storage is unreachable (Azurite restarting, say). */
const SAVE_PATIENCE_MS = 60_000;

/**
 * Like a worker that cannot commit its work item, the host waits for its storage to come back
 * (real time) instead of losing the step; errors that are not about reachability fail at once.
 */
async function saveRiding(save: () => Promise<void>, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + SAVE_PATIENCE_MS;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      await save();
      return;
    } catch (error) {
      if (!isTransient(error) || Date.now() + delay > deadline) throw error;
      log(`instance store unreachable (${(error as Error).message}); saving again in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function isTransient(error: unknown): boolean {
  const { statusCode, code } = (error ?? {}) as { statusCode?: number; code?: string };
  if (statusCode !== undefined) return statusCode >= 500 || statusCode === 408 || statusCode === 429;
  return typeof code === "string" && (/^E[A-Z]+$/.test(code) || code === "REQUEST_SEND_ERROR");
}
