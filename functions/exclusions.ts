import { app } from "@azure/functions";
import { auditIdentity, authorizeRequest } from "#shared/auth";
import { ExclusionBody } from "#shared/api";
import { isGuid } from "#shared/domain";
import { dependencies } from "#shared/runtime";
import { excludeUser, reincludeUser } from "#shared/app";
import { InvalidInputError } from "#shared/errors";
import { cleanFreeText } from "#shared/text";
import { parseBody } from "./http/parse-body";
import { readJsonBody } from "./http/read-json-body";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

/** POST /api/rollouts/{id}/exclusions — an audited, time-boxed exclusion; needs an MFA sign-in. */
export const addExclusion = withHttpErrors(async (request) => {
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
});

/** DELETE /api/rollouts/{id}/exclusions/{userId} — ends an exclusion early. */
export const removeExclusion = withHttpErrors(async (request) => {
  const principal = authorizeRequest(request.headers, { access: "mutate", mfa: true });
  const userId = request.params.userId ?? "";
  if (!isGuid(userId)) throw new InvalidInputError("invalid_user", "userId must be a user object id (GUID)");
  const deps = await dependencies();
  const user = await reincludeUser(deps, {
    rolloutId: request.params.id ?? "",
    userId,
    by: auditIdentity(principal),
    why: "removed by an admin",
  });
  return json(200, { user });
});

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
