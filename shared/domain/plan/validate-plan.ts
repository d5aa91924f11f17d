import type { z } from "zod";
import type { GateThresholds } from "../defaults";
import { remainderProblems, withRemainderWave } from "../cohort/coverage";
import { checkPlanSemantics, type PlanProblem } from "./plan-semantics";
import { planSchema, type ParsedPlan, type PlanWave } from "./plan-schema";
import { resolveGates } from "./resolve-gates";

/** A validated plan: ids lowercased, defaults filled, plan-level gates fully resolved. */
export type Plan = Omit<ParsedPlan, "gates"> & { gates: GateThresholds };

export type PlanValidation = { ok: true; plan: Plan } | { ok: false; errors: PlanProblem[] };

/**
 * Validates a plan as an admin posted it. Returns every problem (shape and cross-field), each
 * with a JSON path, sorted by path so the answer reads top to bottom like the plan.
 */
export function validatePlan(input: unknown): PlanValidation {
  const parsed = planSchema.safeParse(input);
  const errors = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => toProblems(issue, input))),
    ...checkPlanSemantics(input),
  ];
  if (errors.length > 0 || !parsed.success) {
    return {
      ok: false,
      errors: dedupe(errors).sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true })),
    };
  }
  const remainder = remainderProblems(parsed.data);
  if (remainder.length > 0) return { ok: false, errors: remainder };
  return { ok: true, plan: withRemainderWave({ ...parsed.data, gates: resolveGates(parsed.data.gates) }) };
}

/** The thresholds that apply to one wave: defaults < plan < wave. */
export function waveGates(plan: Plan, waveIndex: number): GateThresholds {
  const wave: PlanWave | undefined = plan.waves[waveIndex];
  if (!wave) throw new RangeError(`plan ${plan.rolloutId} has no wave ${waveIndex}`);
  return resolveGates(plan.gates, wave.gates);
}

export function toJsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === "number"
        ? `${acc}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${acc}.${String(key)}`
          : `${acc}[${JSON.stringify(String(key))}]`,
    "$",
  );
}

function toProblems(issue: z.core.$ZodIssue, input: unknown): PlanProblem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: toJsonPath([...issue.path, key]), message: "unknown field" }));
  }
  // The custom type messages ("must be a string") read oddly for a field that is simply absent.
  const missing =
    issue.code === "invalid_type" && issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  return [{ path: toJsonPath(issue.path), message: missing ? "is required" : issue.message }];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function dedupe(problems: PlanProblem[]): PlanProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
