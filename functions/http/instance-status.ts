import type { DurableClient, DurableOrchestrationStatus } from "durable-functions";

/** durable-functions v3 throws for an unknown instance instead of returning null; this does not. */
export async function instanceStatus(
  client: DurableClient,
  instanceId: string,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    return await client.getStatus(instanceId);
  } catch (error) {
    if (/404|not found/i.test(String((error as Error).message ?? error))) return undefined;
    throw error;
  }
}

const LIVE = new Set(["Running", "Pending", "ContinuedAsNew", "Suspended"]);

export function isLive(status: DurableOrchestrationStatus | undefined): boolean {
  return status !== undefined && LIVE.has(String(status.runtimeStatus));
}
