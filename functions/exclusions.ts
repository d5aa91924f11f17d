import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { auditIdentity, authorizeRequest } from "../shared/auth";
import { ExclusionBody } from "../shared/api/request-schemas";
import { isGuid } from "../shared/domain";
import { dependencies } from "../shared/runtime/dependencies";
import { ExclusionError, excludeUser, reincludeUser } from "../shared/services/exclusions";
import { NotFoundError } from "../shared/store";
import { cleanFreeText } from "../shared/text/terminal-safe";
import { parseBody } from "./http/parse-body";
import { readJsonBody } from "./http/read-json-body";
import { errorResponse, HttpError, json } from "./http/responses";

function mapError(error: unknown, request: HttpRequest, context: InvocationContext): HttpResponseInit {
  if (error instanceof ExclusionError)
    return json(error.status, { error: error.code, message: error.message });
  if (error instanceof NotFoundError) {
    return json(404, { error: "not_found", message: `rollout ${request.params.id ?? ""} does not exist` });
  }
  return errorResponse(error, (m) => context.error(m));
}

/** POST /api/rollouts/{id}/exclusions — an audited, time-boxed exclusion; needs an MFA sign-in. */
export async function addExclusion(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    const principal = authorizeRequest(request.headers, { access: "mutate", mfa: true });
    const body = parseBody(
      ExclusionBody,
      await readJsonBody(request),
      "invalid_exclusion",
      "the exclusion is invalid",
    );
    const deps = await dependencies();
    const user = await excludeUser(deps, {
      rolloutId: request.params.id ?? "",
      ...body,
      reason: cleanFreeText(body.reason),
      by: auditIdentity(principal),
    });
    return json(201, { user });
  } catch (error) {
    return mapError(error, request, context);
  }
}

/** DELETE /api/rollouts/{id}/exclusions/{userId} — ends an exclusion early. */
export async function removeExclusion(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    const principal = authorizeRequest(request.headers, { access: "mutate", mfa: true });
    const userId = request.params.userId ?? "";
    if (!isGuid(userId)) throw new HttpError(400, "invalid_user", "userId must be a user object id (GUID)");
    const deps = await dependencies();
    const user = await reincludeUser(deps, {
      rolloutId: request.params.id ?? "",
      userId,
      by: auditIdentity(principal),
      why: "removed by an admin",
    });
    return json(200, { user });
  } catch (error) {
    return mapError(error, request, context);
  }
}

app.http("add-exclusion", {
  methods: ["POST"],
  route: "rollouts/{id}/exclusions",
  authLevel: "function",
  handler: addExclusion,
});
app.http("remove-exclusion", {
  methods: ["DELETE"],
  route: "rollouts/{id}/exclusions/{userId}",
  authLevel: "function",
  handler: removeExclusion,
});
