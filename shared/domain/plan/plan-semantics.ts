import { isGuid, normalizeId } from "./guid";

/**
 * Cross-field rules of a plan. They read the raw input defensively (anything may be missing or
 * of the wrong type) so they still run when the schema has failed elsewhere: an admin fixing a
 * plan gets every problem in one round trip.
 */

export interface PlanProblem {
  /** JSON path of the offending value, e.g. `$.waves[1].select.userIds[3]`. */
  path: string;
  message: string;
}

type Raw = Record<string, unknown>;

function asRecord(value: unknown): Raw | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Valid GUIDs of an array with their index, lowercased; invalid entries are the schema's to report. */
function guidsOf(value: unknown): { id: string; index: number }[] {
  return asArray(value).flatMap((id, index) => (isGuid(id) ? [{ id: normalizeId(id), index }] : []));
}

export function checkPlanSemantics(input: unknown): PlanProblem[] {
  const plan = asRecord(input);
  if (!plan) return [];
  const problems: PlanProblem[] = [];
  const breakGlass = new Set(guidsOf(plan.breakGlass).map((g) => g.id));
  const population = asRecord(plan.population);

  for (const { id, index } of guidsOf(population?.userIds)) {
    if (breakGlass.has(id)) {
      problems.push({
        path: `$.population.userIds[${index}]`,
        message: `break-glass user ${id} must never be in the population`,
      });
    }
  }

  const waves = asArray(plan.waves).map(asRecord);
  const waveNames = new Map<string, number>();
  const userOwner = new Map<string, number>();
  const groupOwner = new Map<string, number>();
  let takesAllRemaining: number | null = null;

  waves.forEach((wave, w) => {
    if (!wave) return;
    const at = `$.waves[${w}]`;

    if (typeof wave.name === "string" && wave.name.trim() !== "") {
      const key = wave.name.trim().toLowerCase();
      const first = waveNames.get(key);
      if (first !== undefined) {
        problems.push({
          path: `${at}.name`,
          message: `duplicate wave name "${wave.name}" (also wave ${first})`,
        });
      } else waveNames.set(key, w);
    }

    if (takesAllRemaining !== null) {
      problems.push({
        path: `${at}.select`,
        message: `wave ${takesAllRemaining} takes all of the remaining population (share 1), so this wave would be empty`,
      });
    }

    const select = asRecord(wave.select);
    if (!select) return;
    for (const { id, index } of guidsOf(select.userIds)) {
      const path = `${at}.select.userIds[${index}]`;
      if (breakGlass.has(id)) {
        problems.push({ path, message: `break-glass user ${id} must never be in a wave` });
        continue;
      }
      const owner = userOwner.get(id);
      if (owner !== undefined && owner !== w) {
        problems.push({ path, message: `user ${id} is already in wave ${owner}` });
      } else if (owner === w) {
        problems.push({ path, message: `user ${id} is listed twice in this wave` });
      } else userOwner.set(id, w);
    }
    if (isGuid(select.groupId)) {
      const id = normalizeId(select.groupId);
      const owner = groupOwner.get(id);
      if (owner !== undefined) {
        problems.push({
          path: `${at}.select.groupId`,
          message: `group ${id} is already selected by wave ${owner}`,
        });
      } else groupOwner.set(id, w);
    }
    if (select.share === 1 && takesAllRemaining === null) takesAllRemaining = w;
  });

  problems.push(...checkChangeWindows(asRecord(plan.schedule)));
  return problems;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function checkChangeWindows(schedule: Raw | undefined): PlanProblem[] {
  return asArray(schedule?.changeWindows).flatMap((raw, index) => {
    const window = asRecord(raw);
    const { start, end } = window ?? {};
    if (typeof start !== "string" || typeof end !== "string" || !CLOCK.test(start) || !CLOCK.test(end))
      return [];
    if (end > start) return [];
    return [
      {
        path: `$.schedule.changeWindows[${index}].end`,
        message: `must be after start ${start} (split a window that crosses midnight in two)`,
      },
    ];
  });
}
