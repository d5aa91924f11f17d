import { readFileSync } from "node:fs";
import { validatePlan, type Plan } from "../../shared/domain";

/** A plan file, parsed and validated; an error lists every problem with its JSON path. */
export function readPlanFile(file: string): { raw: unknown; plan: Plan } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the plan ${file}: ${(error as Error).message}`);
  }
  const validation = validatePlan(raw);
  if (!validation.ok) {
    const problems = validation.errors.map((e) => `  ${e.path}: ${e.message}`).join("\n");
    throw new Error(`the plan ${file} is invalid:\n${problems}`);
  }
  return { raw, plan: validation.plan };
}
