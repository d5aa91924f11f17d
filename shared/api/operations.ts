import { z } from "zod";
import { CONTROL_ACTIONS } from "../domain/lifecycle";
import { planSchema } from "../domain/plan/plan-schema";
import { USER_STAGES } from "../store/records";
import { ControlBody, ExclusionBody, ReconcileBody } from "./request-schemas";
import * as answers from "./response-schemas";

/** Who may call: a reader, an admin, or an admin whose sign-in used MFA. */
export type Access = "Rollout.Reader" | "Rollout.Admin" | "Rollout.Admin with MFA";

export interface Operation {
  /** The function's registered name: the OpenAPI operationId. */
  name: string;
  method: "get" | "post" | "delete";
  /** The route as registered with @azure/functions, under the `api` prefix. */
  route: string;
  summary: string;
  access: Access;
  query?: Record<string, { schema: z.ZodType; description: string; required?: boolean }>;
  /** Path parameters that accept only some values (every other one is a plain string). */
  pathEnums?: Record<string, readonly string[]>;
  body?: { schema: z.ZodType; required: boolean };
  /** Status → schema of the JSON answer, or "html" for a page. */
  responses: Record<number, z.ZodType | "html">;
}

const limit = {
  schema: z.int().min(1).max(5000).default(1000),
  description: "at most this many rows",
};
const plan = { schema: planSchema, required: true };

/** Every HTTP function of the app; a test keeps this list equal to what the app registers. */
export const OPERATIONS: readonly Operation[] = [
  {
    name: "start-rollout",
    method: "post",
    route: "rollouts",
    summary: "Validate a plan, record it and start its rollout",
    access: "Rollout.Admin",
    body: plan,
    responses: { 202: answers.StartAccepted, 409: answers.ErrorBody },
  },
  {
    name: "list-rollouts",
    method: "get",
    route: "rollouts",
    summary: "Every rollout, without its plan",
    access: "Rollout.Reader",
    responses: { 200: answers.RolloutList },
  },
  {
    name: "preview-rollout",
    method: "post",
    route: "rollouts/preview",
    summary: "Readiness per wave for a plan, changing nothing",
    access: "Rollout.Reader",
    body: plan,
    responses: { 200: answers.PreviewAnswer },
  },
  {
    name: "get-rollout",
    method: "get",
    route: "rollouts/{id}",
    summary: "One rollout with its plan, waves and start-time preflight",
    access: "Rollout.Reader",
    responses: { 200: answers.RolloutDetail, 404: answers.ErrorBody },
  },
  {
    name: "list-rollout-users",
    method: "get",
    route: "rollouts/{id}/users",
    summary: "The rollout's users, optionally of one stage",
    access: "Rollout.Reader",
    query: {
      stage: { schema: z.enum(USER_STAGES), description: "only users in this stage" },
      limit,
    },
    responses: { 200: answers.UserList, 404: answers.ErrorBody },
  },
  {
    name: "list-rollout-gates",
    method: "get",
    route: "rollouts/{id}/gates",
    summary: "Gate evaluations, newest first",
    access: "Rollout.Reader",
    query: { limit },
    responses: { 200: answers.GateList, 404: answers.ErrorBody },
  },
  {
    name: "view-rollout",
    method: "get",
    route: "rollouts/{id}/view",
    summary: "The rollout report as an HTML page",
    access: "Rollout.Reader",
    query: {
      tz: { schema: z.enum(["utc"]), description: "times in UTC instead of the plan's time zone" },
    },
    responses: { 200: "html", 404: "html" },
  },
  {
    name: "control-rollout",
    method: "post",
    route: "rollouts/{id}/{action}",
    summary:
      "Pause, resume, approve, abort, retry held-back users or end the watch early (resume and approve need MFA)",
    access: "Rollout.Admin",
    pathEnums: { action: CONTROL_ACTIONS },
    body: { schema: ControlBody, required: false },
    responses: { 202: answers.ControlAccepted, 404: answers.ErrorBody, 409: answers.ErrorBody },
  },
  {
    name: "add-exclusion",
    method: "post",
    route: "rollouts/{id}/exclusions",
    summary: "Exclude one user until a date, audited",
    access: "Rollout.Admin with MFA",
    body: { schema: ExclusionBody, required: true },
    responses: { 201: answers.UserAnswer, 404: answers.ErrorBody, 409: answers.ErrorBody },
  },
  {
    name: "remove-exclusion",
    method: "delete",
    route: "rollouts/{id}/exclusions/{userId}",
    summary: "End a user's exclusion early",
    access: "Rollout.Admin with MFA",
    responses: { 200: answers.UserAnswer, 404: answers.ErrorBody, 409: answers.ErrorBody },
  },
  {
    name: "reconcile-rollout",
    method: "post",
    route: "rollouts/{id}/reconcile",
    summary: "Rebuild the users table from Graph and report what differed",
    access: "Rollout.Admin with MFA",
    body: { schema: ReconcileBody, required: false },
    responses: { 200: answers.ReconcileAnswer, 404: answers.ErrorBody, 409: answers.ErrorBody },
  },
  {
    name: "preflight-http",
    method: "get",
    route: "preflight",
    summary: "The preflight checks of an existing rollout",
    access: "Rollout.Reader",
    query: {
      rolloutId: { schema: z.string(), description: "an existing rollout", required: true },
    },
    responses: { 200: answers.PreflightAnswer, 404: answers.ErrorBody },
  },
  {
    name: "preflight-http",
    method: "post",
    route: "preflight",
    summary: "The preflight checks of a plan before it is started",
    access: "Rollout.Reader",
    body: plan,
    responses: { 200: answers.PreflightAnswer },
  },
  {
    name: "openapi",
    method: "get",
    route: "openapi.json",
    summary: "This description of the API",
    access: "Rollout.Reader",
    responses: { 200: z.looseObject({ openapi: z.string() }) },
  },
];
