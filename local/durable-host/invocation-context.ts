import { randomUUID } from "node:crypto";
import { InvocationContext } from "@azure/functions";
import type { DurableClientData } from "./client-data";
import type { Registration } from "./registry";

export type HostLog = (line: string) => void;

function isDurableClientInput(input: { type: string }): boolean {
  return input.type === "durableClient" || input.type === "orchestrationClient";
}

/**
 * The InvocationContext the Functions host would build: the registration's bindings in
 * `options`, and the durable client binding data set on `extraInputs`, which is where
 * df.getClient(context) looks for it.
 */
export function createInvocationContext(
  registration: Registration,
  clientData: DurableClientData,
  log: HostLog,
): InvocationContext {
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: registration.name,
    logHandler: (level, ...args) => log(`[${registration.name}] ${level}: ${args.map(String).join(" ")}`),
    options: {
      trigger: registration.trigger,
      extraInputs: registration.extraInputs,
      extraOutputs: registration.extraOutputs,
      return: registration.return,
    },
  });
  for (const input of registration.extraInputs) {
    if (isDurableClientInput(input)) context.extraInputs.set(input, clientData);
  }
  return context;
}
