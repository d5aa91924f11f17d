import type { DurableClient } from "durable-functions";
import type { ControlEventData, ControlEventName, RaisedControlEvent } from "#shared/domain";
import type { RolloutRecord } from "#shared/store";
import { ConflictError } from "#shared/errors";

/**
 * While a wave runs, its sub-orchestration is the one listening; between waves the rollout
 * orchestration is, and it hands what it receives to the next wave. A wave that has just
 * finished cannot take the event, so the rollout gets it instead.
 */
export async function raiseControlEvent(
  client: DurableClient,
  record: RolloutRecord & { activeWaveInstanceId?: string },
  event: ControlEventName,
  data: RaisedControlEvent | ControlEventData,
): Promise<void> {
  const wave = record.activeWaveInstanceId;
  if (wave && (await delivered(client, wave, event, data))) return;
  if (await delivered(client, record.id, event, data)) return;
  throw new ConflictError(
    "invalid_state",
    `rollout ${record.id} has finished: nothing is waiting for ${event}`,
  );
}

/**
 * Raises the event and tells whether a running instance took it. durable-functions 3.5.0
 * `DurableClient.raiseEvent` returns normally on the extension's 410 Gone (instance finished) as
 * on 202, and rejects only 404; so the instance's status after the raise decides. An instance that
 * ends right after accepting the event passes it on (ControlInbox.drain), so a second delivery
 * through the rollout can repeat an event but never lose one; every handler tolerates a repeat.
 */
async function delivered(
  client: DurableClient,
  instanceId: string,
  event: ControlEventName,
  data: RaisedControlEvent | ControlEventData,
): Promise<boolean> {
  try {
    await client.raiseEvent(instanceId, event, data);
  } catch (error) {
    if (isNoSuchInstance(error, instanceId)) return false;
    throw error;
  }
  const status = await client.getStatus(instanceId);
  return !FINISHED.has(String(status.runtimeStatus));
}

const FINISHED = new Set(["Completed", "Failed", "Terminated", "Canceled"]);

/**
 * durable-functions 3.5.0 answers the extension's 404 on raiseEvent with this one Error and no
 * status or code to test (lib/src/durableClient/DurableClient.js, `raiseEvent`: `case 404: return
 * Promise.reject(new Error(\`No instance with ID '${instanceId}' found.\`))`); any other failure
 * (a 500, the host unreachable) must not read as "not there".
 */
function isNoSuchInstance(error: unknown, instanceId: string): boolean {
  return error instanceof Error && error.message === `No instance with ID '${instanceId}' found.`;
}
