/**
 * Measures orchestration history per wave on the local durable host. The host keeps only an
 * instance's current execution, and the rollout orchestrator continues-as-new after each wave, so
 * the probe sees each rollout execution's final history as it closes by wrapping the host's
 * `continueAsNew` lifecycle step (read-only: it copies the history and calls through). Wave
 * sub-orchestrations (`<rollout>--wave-<i>`) complete and stay in the host, so they are read at
 * the end. Payloads are the JSON strings the history carries, so sizes are what Azure would store.
 */
import * as lifecycle from "../local/durable-host/instance-lifecycle";
import type { HistoryEvent, LocalDurableHost } from "../local/durable-host";
import { EventType } from "../local/durable-host";
import type { InstanceState } from "../local/durable-host/instance-state";

export interface HistoryStats {
  events: number;
  bytes: number;
}

export interface WaveHistory {
  wave: number;
  /** The rollout orchestrator's execution that ran this wave. */
  rollout: HistoryStats;
  /** The wave sub-orchestration. */
  sub: HistoryStats;
  total: HistoryStats;
}

export interface LargestPayload {
  bytes: number;
  /** Where it was: activity or event name, instance. */
  what: string;
}

export interface HistoryReport {
  waves: WaveHistory[];
  /** Executions that closed outside waves (setup, the final follow-up). */
  otherExecutions: { input: string; stats: HistoryStats }[];
  largestActivityInput: LargestPayload;
  largestActivityOutput: LargestPayload;
  /** Orchestration inputs, sub-orchestration results, continue-as-new inputs, raised events. */
  largestOrchestrationPayload: LargestPayload;
  largestCustomStatus: LargestPayload;
}

type ContinueAsNew = typeof lifecycle.continueAsNew;

export interface HistoryProbe {
  /** Call after each driving step: custom status is state, not history, so it is sampled. */
  sample(): void;
  /** Reads the wave instances and stops watching. */
  finish(waveCount: number): HistoryReport;
}

function stats(history: readonly HistoryEvent[]): HistoryStats {
  return { events: history.length, bytes: Buffer.byteLength(JSON.stringify(history)) };
}

function add(a: HistoryStats, b: HistoryStats): HistoryStats {
  return { events: a.events + b.events, bytes: a.bytes + b.bytes };
}

export function attachHistoryProbe(host: LocalDurableHost, rolloutId: string): HistoryProbe {
  const closed: { input: string; history: HistoryEvent[]; customStatus?: string }[] = [];
  const mutable = lifecycle as { continueAsNew: ContinueAsNew };
  const original = mutable.continueAsNew;
  const wrapped: ContinueAsNew = (state: InstanceState, ...rest) => {
    if (state.instanceId === rolloutId) {
      closed.push({
        input: state.input ?? "",
        history: JSON.parse(JSON.stringify(state.history)) as HistoryEvent[],
        ...(state.customStatus !== undefined ? { customStatus: state.customStatus } : {}),
      });
    }
    return original(state, ...rest);
  };
  mutable.continueAsNew = wrapped;
  const largest = {
    activityInput: { bytes: 0, what: "" },
    activityOutput: { bytes: 0, what: "" },
    orchestration: { bytes: 0, what: "" },
    customStatus: { bytes: 0, what: "" },
  };
  const consider = (slot: LargestPayload, text: string | undefined, what: string) => {
    const bytes = text === undefined ? 0 : Buffer.byteLength(text);
    if (bytes > slot.bytes) Object.assign(slot, { bytes, what });
  };
  const scan = (instanceId: string, history: readonly HistoryEvent[]) => {
    const names = new Map<number, string>();
    for (const e of history) {
      if (e.EventType === EventType.TaskScheduled) {
        names.set(e.EventId, e.Name ?? "?");
        consider(largest.activityInput, e.Input, `${e.Name} input (${instanceId})`);
      } else if (e.EventType === EventType.TaskCompleted) {
        const name = names.get(e.TaskScheduledId ?? -1) ?? "?";
        consider(largest.activityOutput, e.Result, `${name} output (${instanceId})`);
      } else if (
        e.EventType === EventType.ExecutionStarted ||
        e.EventType === EventType.SubOrchestrationInstanceCreated
      ) {
        consider(largest.orchestration, e.Input, `${EventType[e.EventType]} ${e.Name ?? ""} (${instanceId})`);
      } else if (e.EventType === EventType.EventRaised) {
        consider(largest.orchestration, e.Input, `event ${e.Name} (${instanceId})`);
      } else if (
        e.EventType === EventType.SubOrchestrationInstanceCompleted ||
        e.EventType === EventType.ContinueAsNew ||
        e.EventType === EventType.ExecutionCompleted
      ) {
        consider(largest.orchestration, e.Result, `${EventType[e.EventType]} (${instanceId})`);
      }
    }
  };
  const sampleStatus = (instanceId: string) => {
    consider(largest.customStatus, host.instance(instanceId)?.customStatus, `custom status of ${instanceId}`);
  };
  let waveSeen = 0;
  return {
    sample() {
      sampleStatus(rolloutId);
      // The running wave: earlier ones are finished and were sampled while they ran.
      while (host.instance(`${rolloutId}--wave-${waveSeen + 1}`)) waveSeen++;
      sampleStatus(`${rolloutId}--wave-${waveSeen}`);
    },
    finish(waveCount) {
      mutable.continueAsNew = original;
      if (closed.length === 0) {
        throw new Error(
          "history probe saw no continue-as-new: the durable host no longer calls instance-lifecycle's continueAsNew",
        );
      }
      const waves: WaveHistory[] = [];
      const otherExecutions: HistoryReport["otherExecutions"] = [];
      for (const execution of closed) {
        scan(rolloutId, execution.history);
        consider(largest.customStatus, execution.customStatus, `custom status of ${rolloutId}`);
        const input = JSON.parse(execution.input || "{}") as { setupDone?: boolean; nextWave?: number };
        const wave = input.setupDone ? input.nextWave : undefined;
        if (wave === undefined || wave >= waveCount) {
          otherExecutions.push({ input: execution.input, stats: stats(execution.history) });
          continue;
        }
        const sub = host.instance(`${rolloutId}--wave-${wave}`);
        if (!sub) throw new Error(`wave sub-orchestration ${rolloutId}--wave-${wave} is not in the host`);
        scan(sub.instanceId, sub.history);
        consider(largest.customStatus, sub.customStatus, `custom status of ${sub.instanceId}`);
        const rollout = stats(execution.history);
        const subStats = stats(sub.history);
        waves.push({ wave, rollout, sub: subStats, total: add(rollout, subStats) });
      }
      const current = host.instance(rolloutId);
      if (current) {
        scan(rolloutId, current.history);
        consider(largest.customStatus, current.customStatus, `custom status of ${rolloutId}`);
      }
      return {
        waves,
        otherExecutions,
        largestActivityInput: largest.activityInput,
        largestActivityOutput: largest.activityOutput,
        largestOrchestrationPayload: largest.orchestration,
        largestCustomStatus: largest.customStatus,
      };
    },
  };
}
