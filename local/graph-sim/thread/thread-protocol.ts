import type { SimCounters } from "../server/counters";
import type { Arrival } from "../tenant/scenario-schema";

/** What the simulator's thread is started with (structured-cloned, so plain data only). */
export interface SimulatorThreadData {
  scenario: string;
  seed?: number;
  size?: number;
  throttling?: boolean;
  /** Overrides the scenario's row arrival delays (see GraphSimulatorOptions.arrival). */
  arrival?: Partial<Arrival>;
  /** A recorded sign-in log's path to serve instead of the scenario (GraphSimulatorOptions.signins). */
  signins?: string;
  /** The ManualClock's buffer: the thread reads the rehearsal's virtual time from it. */
  clock: SharedArrayBuffer;
}

/** A closed range of sign-in times, epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
}

export type ThreadRequest =
  | { id: number; op: "counters" }
  | { id: number; op: "countSignIns"; ranges: TimeRange[] }
  | { id: number; op: "stop" };

export interface ThreadAnswers {
  counters: SimCounters;
  countSignIns: number[];
  stop: null;
}

export type ThreadMessage =
  | { kind: "ready"; port: number }
  | { kind: "failed"; error: string }
  | { kind: "reply"; id: number; ok: true; value: unknown }
  | { kind: "reply"; id: number; ok: false; error: string };
