import { z } from "zod";
import { isGuid } from "../domain";

/**
 * Request bodies the HTTP functions validate with, besides the plan (`planSchema`). The OpenAPI
 * document is generated from these same schemas, so what it promises is what the API checks.
 */

const reason = z.string().max(500).describe("Why, for the audit log (at most 500 characters).");

/** POST /api/rollouts/{id}/{action}: pause, resume, approve, abort, retry-held-back. */
export const ControlBody = z.strictObject({
  reason: reason.optional(),
  stepBack: z
    .boolean()
    .optional()
    .describe("abort only: also move the current wave's enforced users back to report-only"),
});

/** POST /api/rollouts/{id}/reconcile. */
export const ReconcileBody = z.strictObject({ reason: reason.optional() });

/** POST /api/rollouts/{id}/exclusions: an audited, time-boxed exclusion. */
export const ExclusionBody = z.object({
  userId: z
    .string()
    .refine(isGuid, { message: "must be a user object id (GUID)" })
    .meta({ format: "uuid", description: "the user's Entra object id" }),
  reason: z.string().trim().min(3).max(500),
  expiresAt: z.iso.datetime({ offset: true }),
});

/** Turns a failed parse into the `errors` list every 400 of this API carries. */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: ["$", ...i.path.map(String)].join("."), message: i.message }));
}
