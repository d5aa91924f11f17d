import { validatePlan, type Plan } from "#shared/domain";
import { InvalidInputError } from "#shared/errors";

/** The plan in a request body, validated, or a 400 listing every problem with its JSON path. */
export function parsePlan(body: unknown): Plan {
  const validation = validatePlan(body);
  if (!validation.ok) {
    throw new InvalidInputError("invalid_plan", `the plan has ${validation.errors.length} problem(s)`, {
      details: { errors: validation.errors },
    });
  }
  return validation.plan;
}
