import { randomUUID } from "node:crypto";
import type { AuditIdentity } from "../auth/audit-identity";
import { allowsAction, type ControlAction } from "../domain";
import { ConflictError } from "../errors";
import type { RolloutRecord, StatusStore } from "../store";
import type { AuditEntry } from "../store/records";
import { cleanFreeText, stripControl } from "../text/terminal-safe";
import { REQUEST_ACTION_OF, type ControlEventData, type ControlEventName } from "../domain/control-events";

/** What an admin asked for over HTTP, before it becomes a raised event. */
export interface ControlRequest {
  action: string;
  reason?: string;
  stepBack?: boolean;
}

type AuditStore = Pick<StatusStore, "audit">;

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const requestKey = (requestId: string) => `request-${requestId}`;
export const CONTROL_GUARD = "system:control-guard";

/**
 * Writes the `request:<action>` audit row for the authenticated caller and returns its id, the
 * only thing the raised event will carry. The row comes first: an event whose row is missing is
 * refused, so a request that failed half-way enforces nothing.
 */
export async function recordControlRequest(
  store: AuditStore,
  rolloutId: string,
  caller: AuditIdentity,
  request: ControlRequest,
  requestId: string = randomUUID(),
): Promise<string> {
  const reason = request.reason === undefined ? undefined : cleanFreeText(request.reason);
  await store.audit.append(rolloutId, {
    ...caller,
    action: `request:${request.action}`,
    details: {
      requestId,
      ...(reason ? { reason } : {}),
      ...(request.stepBack === true ? { stepBack: true } : {}),
    },
    idempotencyKey: requestKey(requestId),
  });
  return requestId;
}

/**
 * An admin's control request, accepted: refused (ConflictError) when the rollout's status does not
 * allow the action, else audited. The caller raises the event with the returned request id.
 */
export async function acceptControlRequest(
  store: Pick<StatusStore, "rollouts" | "audit">,
  rolloutId: string,
  caller: AuditIdentity,
  request: ControlRequest & { action: ControlAction },
): Promise<{ record: RolloutRecord; requestId: string }> {
  const record = await store.rollouts.get(rolloutId);
  if (!allowsAction(record.status, request.action)) {
    throw new ConflictError(
      "invalid_state",
      `cannot ${request.action} rollout ${rolloutId} while it is ${record.status}`,
    );
  }
  return { record, requestId: await recordControlRequest(store, rolloutId, caller, request) };
}

export interface VerifyControlInput {
  rolloutId: string;
  event: ControlEventName;
  /** The event's payload exactly as raised: untrusted. */
  raised: unknown;
  /** Same on every replay of the wait, distinct for each wait: tells a retry from a replay attack. */
  waitId: string;
  at: string;
}

export type VerifiedControl = { ok: true; data: ControlEventData } | { ok: false; why: string };

/**
 * Decides whether a raised admin event may act: its request id must name a `request:<action>`
 * row of this rollout for this event, not yet used by another wait. The actor, reason and
 * stepBack come from that row. A refusal is audited (with whatever actor the event claimed, as
 * evidence) and changes nothing else.
 */
export async function verifyControlRequest(
  store: AuditStore,
  input: VerifyControlInput,
): Promise<VerifiedControl> {
  const raised = (typeof input.raised === "object" && input.raised !== null ? input.raised : {}) as Record<
    string,
    unknown
  >;
  const requestId = typeof raised.requestId === "string" ? raised.requestId : undefined;
  const expected = REQUEST_ACTION_OF[input.event];
  const row =
    requestId && REQUEST_ID.test(requestId)
      ? await store.audit.findByIdempotencyKey(input.rolloutId, requestKey(requestId))
      : undefined;
  let why: string | undefined;
  if (!expected) why = `${input.event} is not an admin request`;
  else if (!requestId) why = "the event names no request";
  else if (!row) why = "no request row of this rollout has that id";
  else if (row.action !== `request:${expected}`)
    why = `the request row is ${row.action}, not request:${expected}`;
  if (why === undefined && row && requestId) {
    const accepted = await store.audit.append(input.rolloutId, {
      at: input.at,
      actor: CONTROL_GUARD,
      action: "control:accepted",
      details: { event: input.event, requestId, waitId: input.waitId, requestedBy: row.actor },
      idempotencyKey: `accepted-${requestId}`,
    });
    const firstUse = (accepted.entry.details as { waitId?: unknown } | undefined)?.waitId === input.waitId;
    if (firstUse) return { ok: true, data: eventData(row) };
    why = "the request was already used";
  }
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: CONTROL_GUARD,
    action: "control:refused",
    details: {
      event: input.event,
      why,
      ...(requestId ? { requestId: cleanFreeText(requestId).slice(0, 100) } : {}),
      ...(typeof raised.actor === "string"
        ? { claimedActor: cleanFreeText(raised.actor).slice(0, 256) }
        : {}),
    },
    idempotencyKey: `refused-${input.waitId}`,
  });
  return { ok: false, why: why ?? "refused" };
}

function eventData(row: AuditEntry): ControlEventData {
  const details = (row.details ?? {}) as { reason?: unknown; stepBack?: unknown };
  return {
    actor: row.actor,
    ...(typeof details.reason === "string" ? { reason: stripControl(details.reason) } : {}),
    ...(details.stepBack === true ? { stepBack: true } : {}),
  };
}
