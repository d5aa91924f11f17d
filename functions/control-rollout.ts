import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { ControlBody } from "../shared/api/request-schemas";
import { auditIdentity, authorizeRequest } from "../shared/auth";
import { dependencies } from "../shared/runtime/dependencies";
import { NotFoundError, type RolloutStatus } from "../shared/store";
import {
  ControlEvents,
  type ControlEventData,
  type ControlEventName,
} from "../orchestrations/control-events";
import { parseBody } from "./http/parse-body";
import { raiseControlEvent } from "./http/raise-control-event";
import { readOptionalJsonBody } from "./http/read-json-body";
import { errorResponse, HttpError, json } from "./http/responses";

interface ActionRule {
  event: ControlEventName;
  /** Statuses in which the action means something; anything else is a 409, not a silent no-op. */
  allowedIn: readonly RolloutStatus[];
  mfa: boolean;
}

const ACTIONS: Record<string, ActionRule> = {
  pause: {
    event: ControlEvents.pause,
    allowedIn: ["running", "waitingForWindow", "waitingForApproval"],
    mfa: false,
  },
  resume: { event: ControlEvents.resume, allowedIn: ["paused"], mfa: true },
  approve: { event: ControlEvents.approve, allowedIn: ["waitingForApproval", "waitingForWindow"], mfa: true },
  abort: {
    event: ControlEvents.abort,
    allowedIn: ["running", "waitingForWindow", "waitingForApproval", "paused", "completed"],
    mfa: false,
  },
  "retry-held-back": {
    event: ControlEvents.retryHeldBack,
    allowedIn: ["running", "waitingForWindow", "waitingForApproval", "paused", "completed"],
    mfa: false,
  },
};

/** POST /api/rollouts/{id}/{action}: pause, resume, approve, abort, retry-held-back. */
export async function controlRollout(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    const action = request.params.action ?? "";
    const rule = ACTIONS[action];
    if (!rule)
      throw new HttpError(
        404,
        "unknown_action",
        `unknown action "${action}"; use ${Object.keys(ACTIONS).join(", ")}`,
      );
    const principal = authorizeRequest(request.headers, { access: "mutate", mfa: rule.mfa });
    const body = parseBody(ControlBody, await readOptionalJsonBody(request));
    const id = request.params.id ?? "";
    const { store } = await dependencies();
    const record = await store.rollouts.get(id);
    if (!rule.allowedIn.includes(record.status)) {
      throw new HttpError(
        409,
        "invalid_state",
        `cannot ${action} rollout ${id} while it is ${record.status}`,
      );
    }
    const caller = auditIdentity(principal);
    const data: ControlEventData = {
      actor: caller.actor,
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(body.stepBack === true ? { stepBack: true } : {}),
    };
    await raiseControlEvent(df.getClient(context), record, rule.event, data);
    await store.audit.append(id, { ...caller, action: `request:${action}`, details: data });
    return json(202, { accepted: action, rolloutId: id });
  } catch (error) {
    if (error instanceof NotFoundError) {
      return json(404, { error: "not_found", message: `rollout ${request.params.id ?? ""} does not exist` });
    }
    return errorResponse(error, (m) => context.error(m));
  }
}

app.http("control-rollout", {
  methods: ["POST"],
  route: "rollouts/{id}/{action}",
  authLevel: "function",
  extraInputs: [df.input.durableClient()],
  handler: controlRollout,
});
