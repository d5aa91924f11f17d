import * as df from "durable-functions";
import type { DurableClient } from "durable-functions";
import type { DurableClientData } from "../durable-host/client-data";
import { createInvocationContext } from "../durable-host/invocation-context";
import type { Registration } from "../durable-host/registry";

/**
 * The real df.getClient() for a client function of the app, bound to the extension's client
 * data, so code under test talks to the extension's loopback API exactly as in Azure.
 */
export function durableClient(clientData: DurableClientData): DurableClient {
  const input = df.input.durableClient();
  const registration: Registration = {
    name: "testClient",
    trigger: { type: "httpTrigger", name: "request" },
    handler: () => undefined,
    extraInputs: [input],
    extraOutputs: [],
  };
  return df.getClient(createInvocationContext(registration, clientData, () => undefined));
}
