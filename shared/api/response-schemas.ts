import { z } from "zod";
import { DECISIONS, ROLLOUT_STATUSES, USER_STAGES, VERDICTS } from "../store/records";

/**
 * What the HTTP functions answer, for the OpenAPI document. Objects stay open
 * (`looseObject`): a field added later must not break a client generated today; the fields named
 * here are the ones a caller may rely on.
 */

const timestamp = z.iso.datetime({ offset: true });
const stageCounts = z.strictObject(Object.fromEntries(USER_STAGES.map((s) => [s, z.int().min(0)])));

export const ErrorBody = z.looseObject({
  error: z.string().describe("a stable code, e.g. invalid_plan, not_found, invalid_state"),
  message: z.string(),
  errors: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
});

const rolloutFields = {
  id: z.string(),
  status: z.enum(ROLLOUT_STATUSES),
  statusReason: z.string().optional(),
  currentWave: z.int().min(0).describe("index of the current wave, from 0"),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  counts: stageCounts,
};

export const RolloutList = z.strictObject({ rollouts: z.array(z.looseObject(rolloutFields)) });

const wave = z.looseObject({
  index: z.int().min(0),
  name: z.string(),
  phase: z.string(),
  planned: z.int().min(0),
  enforced: z.int().min(0),
  heldBack: z.int().min(0),
  excluded: z.int().min(0),
  extensions: z.int().min(0),
  lastDecision: z
    .looseObject({ decision: z.enum(DECISIONS), at: timestamp, reason: z.string().optional() })
    .optional(),
});

export const RolloutDetail = z.looseObject({
  ...rolloutFields,
  plan: z.unknown().describe("the plan as it was submitted"),
  waves: z.array(wave),
  preflight: z
    .looseObject({ at: timestamp })
    .nullable()
    .describe("the checks the rollout started with, as stored"),
});

const user = z.looseObject({
  userId: z.string(),
  upn: z.string(),
  waveIndex: z.int(),
  stage: z.enum(USER_STAGES),
  reason: z.string().optional(),
  retryAt: timestamp.optional(),
  exclusionExpiresAt: timestamp.optional(),
  updatedAt: timestamp,
});

export const UserList = z.strictObject({ users: z.array(user) });
export const UserAnswer = z.strictObject({ user });

export const GateList = z.strictObject({
  gates: z.array(
    z.looseObject({
      waveIndex: z.int().min(0),
      gate: z.string(),
      evaluatedAt: timestamp,
      verdict: z.enum(VERDICTS),
      decision: z.enum(DECISIONS).optional(),
      reasons: z.array(z.string()),
      metrics: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const StartAccepted = z
  .strictObject({
    rolloutId: z.string().describe("the rollout id, also its orchestration instance id"),
    links: z.strictObject({
      status: z.string(),
      view: z.string(),
      gates: z.string(),
      users: z.string(),
      pause: z.string(),
      abort: z.string(),
    }),
  })
  .describe("the app's own links for the rollout; never the Durable extension's management URLs");

export const ControlAccepted = z.strictObject({
  accepted: z.string(),
  rolloutId: z.string(),
  requestId: z.string().describe("the id of the request's audit row, which the orchestration acts on"),
});

export const PreflightAnswer = z.strictObject({
  rolloutId: z.string(),
  checkedAt: timestamp,
  ok: z.boolean().describe("no check failed; warnings do not block a start"),
  checks: z.array(
    z.looseObject({ name: z.string(), status: z.enum(["ok", "warn", "fail"]), message: z.string() }),
  ),
});

export const PreviewAnswer = z.looseObject({
  rolloutId: z.string(),
  evidencePolicyId: z.string().nullable(),
  window: z.looseObject({ from: timestamp, to: timestamp }),
  populationSize: z.int().min(0),
  unassigned: z.int().min(0),
  waves: z.array(
    z.looseObject({
      name: z.string(),
      users: z.int().min(0),
      verdict: z.enum(VERDICTS),
      reasons: z.array(z.string()),
      wouldHoldBack: z.array(z.looseObject({ userId: z.string(), reason: z.string() })),
    }),
  ),
});

export const ReconcileAnswer = z.looseObject({
  rolloutId: z.string(),
  at: timestamp,
  users: z.array(
    z.looseObject({ userId: z.string(), before: z.enum(USER_STAGES), after: z.enum(USER_STAGES) }),
  ),
  truncated: z.boolean(),
  counts: z.looseObject({ checked: z.int().min(0), changed: z.int().min(0) }),
  policies: z.array(z.looseObject({ role: z.string(), id: z.string().nullable(), status: z.string() })),
  policyDrift: z.boolean(),
});
