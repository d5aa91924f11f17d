import { app } from "@azure/functions";
import * as df from "durable-functions";
import type { z } from "zod";
import { ControlBody } from "../shared/api/request-schemas";
import { auditIdentity, authorizeRequest, requireMfa } from "../shared/auth";
import { dependencies } from "../shared/runtime/dependencies";
import { recordControlRequest } from "../shared/services/control-requests";
import { ConflictError, NotFoundError } from "../shared/errors";
import type { RolloutStatus } from "../shared/store";
import { ControlEvents, type ControlEventName } from "../orchestrations/control-events";
import { parseBody } from "./http/parse-body";
import { raiseControlEvent } from "./http/raise-control-event";
import { readOptionalJsonBody } from "./http/read-json-body";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

interface ActionRule {
  event: ControlEventName;
  /** Statuses in which the action means something; anything else is a 409, not a silent no-op. */
  allowedIn: readonly RolloutStatus[];
  /** Whether this request moves users into or out of enforcement, which needs an MFA sign-in. */
  mfa: (body: ControlRequest) => boolean;
}

type ControlRequest = z.output<typeof ControlBody>;

const always = () => true;
const never = () => false;

// A Map, not an object literal: "constructor" or "__proto__" must be unknown actions, not
// Object.prototype's members.
const ACTIONS = new Map<string, ActionRule>(
  Object.entries({
    pause: {
      event: ControlEvents.pause,
      allowedIn: ["running", "waitingForWindow", "waitingForApproval"],
      mfa: never,
    },
    resume: { event: ControlEvents.resume, allowedIn: ["paused"], mfa: always },
    approve: {
      event: ControlEvents.approve,
      allowedIn: ["waitingForApproval", "waitingForWindow"],
      mfa: always,
    },
    // Stopping stays easy; stepping a wave back moves its enforced users, so it needs MFA.
    abort: {
      event: ControlEvents.abort,
      allowedIn: ["running", "waitingForWindow", "waitingForApproval", "paused", "watching", "completed"],
      mfa: (body: ControlRequest) => body.stepBack === true,
    },
    "retry-held-back": {
      event: ControlEvents.retryHeldBack,
      allowedIn: ["running", "waitingForWindow", "waitingForApproval", "paused", "watching", "completed"],
      mfa: always,
    },
    // Ends the watch early: it moves nobody, so the admin role is enough.
    "end-watch": { event: ControlEvents.endWatch, allowedIn: ["watching"], mfa: never },
  } satisfies Record<string, ActionRule>),
);

/** POST /api/rollouts/{id}/{action}: pause, resume, approve, abort, retry-held-back, end-watch. */
export const controlRollout = withHttpErrors(async (request, context) => {
  const action = request.params.action ?? "";
  const rule = ACTIONS.get(action);
  if (!rule)
    throw new NotFoundError("unknown_action", `unknown action; use ${[...ACTIONS.keys()].join(", ")}`);
  const principal = authorizeRequest(request.headers, { access: "mutate" });
  const body = parseBody(ControlBody, await readOptionalJsonBody(request));
  if (rule.mfa(body)) requireMfa(principal);
  const id = request.params.id ?? "";
  const { store } = await dependencies();
  const record = await store.rollouts.get(id);
  if (!rule.allowedIn.includes(record.status)) {
    throw new ConflictError("invalid_state", `cannot ${action} rollout ${id} while it is ${record.status}`);
  }
  const requestId = await recordControlRequest(store, id, auditIdentity(principal), {
    action,
    ...(typeof body.reason === "string" ? { reason: body.reason } : {}),
    ...(body.stepBack === true ? { stepBack: true } : {}),
  });
  await raiseControlEvent(df.getClient(context), record, rule.event, { requestId });
  return json(202, { accepted: action, rolloutId: id, requestId });
});

app.http("control-rollout", {
  methods: ["POST"],
  route: "rollouts/{id}/{action}",
  authLevel: "function",
  extraInputs: [df.input.durableClient()],
  handler: controlRollout,
});
