import fc from "fast-check";
import { encodeClientPrincipal } from "../../../shared/auth";
import { samplePlanInput } from "../../fixtures/sample-plan";
import { mutatedPlanArb } from "./plan-mutations";

/** The existing rollout most fuzzed requests aim at, so they get past the "not found" checks. */
export const LIVE_ROLLOUT = "fuzz-live";
const KNOWN_USER = "6a1f0c2e-0000-4000-8000-0000000000b1";

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const notDotSegment = (s: string) => s !== "." && s !== "..";

const principal = (roles: string[], amr: string[]) =>
  encodeClientPrincipal({
    id: "00000000-0000-4000-8000-00000000f022",
    name: "fuzz@contoso.test",
    roles,
    amr,
  });

/** Mostly an MFA admin (to reach the deepest code), sometimes weaker or broken callers. */
const principalArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(principal(["Rollout.Admin"], ["pwd", "mfa"])) },
  { weight: 1, arbitrary: fc.constant(principal(["Rollout.Reader"], ["pwd"])) },
  { weight: 1, arbitrary: fc.constant(principal(["Rollout.Admin"], ["pwd"])) },
  { weight: 1, arbitrary: fc.constant(principal([], [])) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.base64String(), fc.constant("")) },
);

/**
 * Path segments: real ids, near-misses and hostile strings. Never "/" or a bare "." / "..":
 * URL parsing would resolve those before the request left, so no app route would see them.
 */
const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(LIVE_ROLLOUT) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "seed-phased",
      "....",
      "x#y",
      "a?b",
      "back\\slash",
      "UPPER",
      "a".repeat(700),
      "' or 1 eq 1",
      "%00",
      "null",
      "__proto__",
      "ünïcödé",
      " ",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.string({ minLength: 1, maxLength: 40 }).filter(notDotSegment),
  },
  { weight: 1, arbitrary: fc.uuid() },
);
const userIdArb = fc.oneof(fc.constant(KNOWN_USER), fc.uuid(), idArb);
const actionArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom("pause", "resume", "approve", "abort", "retry-held-back", "reconcile"),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).filter(notDotSegment) },
);

const jsonText = (value: unknown) => JSON.stringify(value) ?? "null";
const bodyArb = fc.oneof(
  { weight: 3, arbitrary: mutatedPlanArb.map(jsonText) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(jsonText) },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          userId: userIdArb,
          reason: fc.oneof(fc.string(), fc.constant("a valid reason"), fc.integer()),
          expiresAt: fc.oneof(
            fc.constant("2026-02-01T00:00:00Z"),
            fc.string(),
            fc.constant("2020-01-01T00:00:00Z"),
          ),
          stepBack: fc.oneof(fc.boolean(), fc.string()),
        },
        { requiredKeys: [] },
      )
      .map(jsonText),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("", "{", "[]", "null", '{"a":', "\u0000", jsonText(samplePlanInput())),
  },
);
const queryArb = fc.dictionary(
  fc.constantFrom("rolloutId", "stage", "limit", "code", "$filter", "x"),
  fc.oneof(idArb, fc.constantFrom("1", "0", "-1", "5001", "1e3", "enforced", "heldBack", "nope")),
  { maxKeys: 3 },
);

/** Headers a caller (or an attacker) might add; values printable ASCII, which fetch accepts. */
const extraHeadersArb = fc.dictionary(
  fc.constantFrom(
    "x-functions-key",
    "authorization",
    "x-ms-client-principal-id",
    "x-ms-client-principal-name",
    "origin",
    "x-forwarded-for",
    "accept",
    "prefer",
    "if-match",
    "x-http-method-override",
  ),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  { maxKeys: 3 },
);

/** One of the app's routes with fuzzed ids, query, caller and body. */
export const requestArb: fc.Arbitrary<FuzzRequest> = fc
  .record({
    template: fc.constantFrom(
      "GET rollouts",
      "POST rollouts",
      "GET rollouts/{id}",
      "GET rollouts/{id}/users",
      "GET rollouts/{id}/gates",
      "GET rollouts/{id}/view",
      "POST rollouts/{id}/{action}",
      "POST rollouts/{id}/exclusions",
      "DELETE rollouts/{id}/exclusions/{userId}",
      "POST rollouts/preview",
      "GET preflight",
      "POST preflight",
    ),
    id: idArb,
    action: actionArb,
    userId: userIdArb,
    query: queryArb,
    principal: fc.option(principalArb, { nil: undefined, freq: 8 }),
    body: fc.option(bodyArb, { nil: undefined, freq: 6 }),
    contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
    extraHeaders: extraHeadersArb,
  })
  .map(({ template, id, action, userId, query, principal: caller, body, contentType, extraHeaders }) => {
    const [method, route] = template.split(" ") as [string, string];
    const path = route
      .replace("{id}", encodeURIComponent(id))
      .replace("{action}", encodeURIComponent(action))
      .replace("{userId}", encodeURIComponent(userId));
    const search = new URLSearchParams(query).toString();
    const headers: Record<string, string> = { ...extraHeaders, "content-type": contentType };
    if (caller !== undefined) headers["x-ms-client-principal"] = caller;
    return {
      method,
      path: `/api/${path}${search ? `?${search}` : ""}`,
      headers,
      ...(method === "GET" || body === undefined ? {} : { body }),
    };
  });
