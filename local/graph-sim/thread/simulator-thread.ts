import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ManualClock } from "../../clock";
import type { SimCounters } from "../server/counters";
import type { Arrival } from "../tenant/scenario-schema";
import { VERSION_SEGMENT } from "../server/http-server";
import type { ThreadAnswers, ThreadMessage, ThreadRequest, TimeRange } from "./thread-protocol";

export interface SimulatorThreadOptions {
  scenario: string;
  seed?: number;
  size?: number;
  throttling?: boolean;
  /** Overrides the scenario's row arrival delays (see GraphSimulatorOptions.arrival). */
  arrival?: Partial<Arrival>;
  /** A recorded sign-in log's path to serve instead of the scenario (GraphSimulatorOptions.signins). */
  signins?: string;
  /** The rehearsal's clock; the thread reads it, only this side moves it. */
  clock: ManualClock;
}

/** A Graph simulator running on a thread of its own, answering over loopback HTTP as usual. */
export interface SimulatorThread {
  baseUrl: string;
  origin: string;
  counters(): Promise<SimCounters>;
  /** Sign-ins of the whole tenant in each closed range, as a sweep of the log would read them. */
  countSignIns(ranges: readonly TimeRange[]): Promise<number[]>;
  stop(): Promise<void>;
}

/**
 * Starts the simulator in a worker thread. A large rehearsal spends a third of its CPU generating
 * and serialising sign-ins; on a thread (and heap) of its own that work runs beside the app's
 * instead of in turn with it, as Graph's would. Under ts-node the thread registers ts-node
 * itself; from dist/ it loads the compiled entry.
 */
export async function startSimulatorThread(options: SimulatorThreadOptions): Promise<SimulatorThread> {
  const { clock, ...rest } = options;
  const data = { ...rest, clock: clock.buffer };
  const entry = path.join(__dirname, `thread-entry${path.extname(__filename)}`);
  const worker = entry.endsWith(".ts")
    ? new Worker(`require("ts-node").register({ transpileOnly: true }); require(${JSON.stringify(entry)});`, {
        eval: true,
        workerData: data,
      })
    : new Worker(entry, { workerData: data });

  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let ended: Error | undefined;
  const failAll = (error: Error) => {
    ended ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const port = await new Promise<number>((resolve, reject) => {
    worker.on("message", (message: ThreadMessage) => {
      if (message.kind === "ready") resolve(message.port);
      else if (message.kind === "failed") reject(new Error(`the simulator thread failed: ${message.error}`));
      else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(`simulator thread: ${message.error}`));
      }
    });
    worker.once("error", (error) => {
      reject(error);
      failAll(error);
    });
    worker.once("exit", (code) => {
      const error = new Error(`the simulator thread exited (code ${code})`);
      reject(error);
      failAll(error);
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  const ask = <K extends ThreadRequest["op"]>(
    request: Omit<Extract<ThreadRequest, { op: K }>, "id">,
  ): Promise<ThreadAnswers[K]> => {
    if (ended) return Promise.reject(ended);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };

  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/${VERSION_SEGMENT}`,
    counters: () => ask<"counters">({ op: "counters" }),
    countSignIns: (ranges) => ask<"countSignIns">({ op: "countSignIns", ranges: [...ranges] }),
    stop: async () => {
      if (!ended) await ask<"stop">({ op: "stop" }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
