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
    const next = previous.then(() => this.options.store.save(snapshot));
    this.saveChains.set(state.instanceId, next);
    return next;
  }

  /** Waits for queued writes, so a host started next on the same store sees everything. */
  async flush(): Promise<void> {
    await Promise.all([...this.saveChains.values()]);
  }

  enqueue(state: InstanceState, message: Omit<InboxMessage, "seq" | "visibleAt" | "executionId">): void {
    state.inbox.push({
      seq: this.nextSeq(),
      visibleAt: this.now().toISOString(),
      executionId: state.executionId,
      ...message,
    });
  }
}
