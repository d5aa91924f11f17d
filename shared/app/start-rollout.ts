import type { AuditIdentity } from "../auth/audit-identity";
import { describeOverlap, type Plan } from "../domain";
import { ConflictError, InvalidInputError } from "../errors";
import { AlreadyExistsError } from "../store";
import { readCoverage, uncoveredRefusal } from "./coverage";
import { findOverlap } from "./overlap";
import type { AppPorts } from "./ports";

export interface RolloutRegistration {
  plan: Plan;
  /** The plan as the admin sent it: stored as is, and compared when the same id is started again. */
  body: unknown;
  caller: AuditIdentity;
  /** The version of the orchestration code that will run it (ORCHESTRATION_VERSION). */
  orchestrationVersion: string;
}

/**
 * Records a rollout before its orchestration starts: refused when the plan leaves population users
 * in no wave, or (unless the plan allows it) shares users with another live rollout. The row is
 * written first, so a start that failed half-way can be repeated with the same plan and completes;
 * a different plan under a used id is a conflict.
 */
export async function registerRollout(
  { store, graph, clock }: AppPorts,
  input: RolloutRegistration,
): Promise<void> {
  const { plan, caller } = input;
  const coverage = await readCoverage(graph, plan, clock.now().toISOString());
  if (!coverage.decision.ok) {
    const refusal = await uncoveredRefusal(graph, coverage.decision.uncovered);
    throw new InvalidInputError("uncovered_population", refusal.message, {
      details: { count: refusal.count, users: refusal.users },
    });
  }
  if (!plan.preflight?.allowOverlap) {
    const overlap = await findOverlap(graph, store.rollouts, plan);
    if (overlap.users > 0) {
      throw new ConflictError(
        "population_overlap",
        `${describeOverlap(overlap)}; finish those first, or set preflight.allowOverlap in the plan`,
        { details: { overlap } },
      );
    }
  }
  try {
    await store.rollouts.create({
      id: plan.rolloutId,
      plan: input.body,
      createdBy: caller.actor,
      status: "running",
      orchestrationVersion: input.orchestrationVersion,
    });
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const stored = await store.rollouts.get(plan.rolloutId);
    if (JSON.stringify(stored.plan) !== JSON.stringify(input.body)) {
      throw new ConflictError("rollout_exists", `rollout ${plan.rolloutId} already exists with another plan`);
    }
  }
  await store.audit.append(plan.rolloutId, {
    ...caller,
    action: "rollout:start",
    details: { waves: plan.waves.map((w) => w.name) },
    idempotencyKey: "start",
  });
}
