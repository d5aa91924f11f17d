import { parentPort, workerData } from "node:worker_threads";
import { SharedClockView } from "../../clock";
import { startGraphSimulator } from "../server/simulator";
import type { SimulatorThreadData, ThreadMessage, ThreadRequest } from "./thread-protocol";

/** The simulator's side of simulator-thread.ts: a whole simulator, answering on its own port. */
async function main(port: NonNullable<typeof parentPort>, data: SimulatorThreadData): Promise<void> {
  const send = (message: ThreadMessage) => port.postMessage(message);
  const sim = await startGraphSimulator({
    scenario: data.scenario,
    clock: new SharedClockView(data.clock),
    ...(data.seed !== undefined ? { seed: data.seed } : {}),
    ...(data.size !== undefined ? { size: data.size } : {}),
    ...(data.throttling === false ? { throttling: { enabled: false } } : {}),
    ...(data.arrival !== undefined ? { arrival: data.arrival } : {}),
    ...(data.signins !== undefined ? { signins: data.signins } : {}),
  });
  port.on("message", (request: ThreadRequest) => {
    void answer(request).then(
      (value) => send({ kind: "reply", id: request.id, ok: true, value }),
      (error: unknown) =>
        send({
          kind: "reply",
          id: request.id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  send({ kind: "ready", port: sim.port });

  async function answer(request: ThreadRequest): Promise<unknown> {
    switch (request.op) {
      case "counters":
        return sim.counters();
      case "countSignIns":
        return request.ranges.map((range) => {
          let count = 0;
          for (const _ of sim.tenant.signIns({ from: new Date(range.from), to: new Date(range.to) }))
            count += 1;
          return count;
        });
      case "stop":
        await sim.stop();
        port.close();
        return null;
    }
  }
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as SimulatorThreadData).catch((error: unknown) =>
    port.postMessage({
      kind: "failed",
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies ThreadMessage),
  );
}
