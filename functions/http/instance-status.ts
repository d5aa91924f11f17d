import type { DurableClient, DurableOrchestrationStatus } from "durable-functions";

/**
 * durable-functions v3 (`DurableClient.getStatus`, lib/src/durableClient/DurableClient.ts) throws a
 * plain Error for an unknown instance, whose only mark is this text of the extension's 404; any
 * other failure (a 500 whose details say "not found", a network error) must still surface.
 */
const UNKNOWN_INSTANCE = "Durable Functions extension replied with HTTP 404 response";

export async function instanceStatus(
  client: DurableClient,
  instanceId: string,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    return await client.getStatus(instanceId);
  } catch (error) {
    if (error instanceof Error && error.message.includes(UNKNOWN_INSTANCE)) return undefined;
    throw error;
  }
}

const LIVE = new Set(["Running", "Pending", "ContinuedAsNew", "Suspended"]);

export function isLive(status: DurableOrchestrationStatus | undefined): boolean {
  return status !== undefined && LIVE.has(String(status.runtimeStatus));
}
