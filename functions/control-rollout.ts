import { app } from "@azure/functions";
import * as df from "durable-functions";
import type { z } from "zod";
import { ControlBody } from "#shared/api";
import { auditIdentity, authorizeRequest, requireMfa } from "#shared/auth";
import { dependencies } from "#shared/runtime";
import { acceptControlRequest } from "#shared/app";
import { NotFoundError } from "#shared/errors";
import {
  CONTROL_ACTIONS,
  isControlAction,
  type ControlAction,
  ControlEvents,
  type ControlEventName,
} from "#shared/domain";
import { parseBody } from "./http/parse-body";
import { raiseControlEvent } from "./http/raise-control-event";
import { readOptionalJsonBody } from "./http/read-json-body";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

type ControlRequest = z.output<typeof ControlBody>;

/** The durable event each action raises. */
const EVENTS: Readonly<Record<ControlAction, ControlEventName>> = {
  pause: ControlEvents.pause,
  resume: ControlEvents.resume,
  approve: ControlEvents.approve,
  abort: ControlEvents.abort,
  "retry-held-back": ControlEvents.retryHeldBack,
  "end-watch": ControlEvents.endWatch,
};

/**
 * Whether the request moves users into or out of enforcement, which needs an MFA sign-in.
 * Stopping stays easy; stepping a wave back moves its enforced users, so it needs MFA; ending the
 * watch early moves nobody, so the admin role is enough.
 */
function needsMfa(action: ControlAction, body: ControlRequest): boolean {
  if (action === "pause" || action === "end-watch") return false;
  if (action === "abort") return body.stepBack === true;
  return true;
}

/** POST /api/rollouts/{id}/{action}: pause, resume, approve, abort, retry-held-back, end-watch. */
export const controlRollout = withHttpErrors(async (request, context) => {
  const action = request.params.action ?? "";
  // A list lookup, not an object's keys: "constructor" or "__proto__" must be unknown actions.
  if (!isControlAction(action))
    throw new NotFoundError("unknown_action", `unknown action; use ${CONTROL_ACTIONS.join(", ")}`);
  const principal = authorizeRequest(request.headers, { access: "mutate" });
  const body = parseBody(ControlBody, await readOptionalJsonBody(request));
  if (needsMfa(action, body)) requireMfa(principal);
  const id = request.params.id ?? "";
  const { store } = await dependencies();
  const { record, requestId } = await acceptControlRequest(store, id, auditIdentity(principal), {
    action,
    ...(typeof body.reason === "string" ? { reason: body.reason } : {}),
    ...(body.stepBack === true ? { stepBack: true } : {}),
  });
  await raiseControlEvent(df.getClient(context), record, EVENTS[action], { requestId });
  return json(202, { accepted: action, rolloutId: id, requestId });
});

app.http("control-rollout", {
  methods: ["POST"],
  route: "rollouts/{id}/{action}",
  authLevel: "function",
  extraInputs: [df.input.durableClient()],
  handler: controlRollout,
});
