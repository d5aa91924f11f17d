import type { DurableClient } from "durable-functions";
import type {
  ControlEventData,
  ControlEventName,
  RaisedControlEvent,
} from "../../orchestrations/control-events";
import type { RolloutRecord } from "../../shared/store";
import { HttpError } from "./responses";

/**
 * While a wave runs, its sub-orchestration is the one listening; between waves the rollout
 * orchestration is. A wave that just finished answers 410/404, so the rollout gets it instead.
 */
export async function raiseControlEvent(
  client: DurableClient,
  record: RolloutRecord & { activeWaveInstanceId?: string },
  event: ControlEventName,
  data: RaisedControlEvent | ControlEventData,
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
  // The SDK accepts an event for a finished instance silently (HTTP 410): refuse it instead, so an
  // admin is not told "accepted" for a request nothing will act on.
  const status = await client.getStatus(record.id);
  if (FINISHED.has(String(status.runtimeStatus))) {
    throw new HttpError(
      409,
      "invalid_state",
      `rollout ${record.id} has finished: nothing is waiting for ${event}`,
    );
  }
  await client.raiseEvent(record.id, event, data);
}

const FINISHED = new Set(["Completed", "Failed", "Terminated", "Canceled"]);
