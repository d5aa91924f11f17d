import type { DurableClient } from "durable-functions";
import type { ControlEventData, ControlEventName } from "../../orchestrations/control-events";
import type { RolloutRecord } from "../../shared/store";

/**
 * While a wave runs, its sub-orchestration is the one listening; between waves the rollout
 * orchestration is. A wave that just finished answers 410/404, so the rollout gets it instead.
 */
export async function raiseControlEvent(
  client: DurableClient,
  record: RolloutRecord & { activeWaveInstanceId?: string },
  event: ControlEventName,
  data: ControlEventData,
): Promise<void> {
  const wave = record.activeWaveInstanceId;
  if (wave) {
    try {
      await client.raiseEvent(wave, event, data);
      return;
    } catch (error) {
      if (!/404|410|not found|gone/i.test(String((error as Error).message ?? error))) throw error;
    }
  }
  await client.raiseEvent(record.id, event, data);
}
