import type { RemainderRule } from "../plan/plan-schema";
import type { Plan } from "../plan/validate-plan";

/**
 * No population user is left behind without a decision: a user whose wave never comes stays
 * under report-only for ever, which looks exactly like "done" unless someone said so. These rules
 * decide, from the plan and the waves' selections, where each user outside every wave goes.
 */

/** How many uncovered users a refusal names: enough to recognise the group, short enough to read. */
export const UNCOVERED_SAMPLE = 5;

/** How long an exclusion made by the plan (remainder or service accounts) lasts before it is decided again. */
export const PLAN_EXCLUSION_DAYS = 30;

export const REMAINDER_WAVE_NAME = "remainder";

export interface Placement {
  userId: string;
  stage: "reportOnly" | "excluded" | "heldBack";
  reason: string;
  /** Only for `excluded`. */
  exclusionExpiresAt?: string;
}

export type CoverageDecision = { ok: true; placements: Placement[] } | { ok: false; uncovered: string[] };

/**
 * Where the users no wave selected go. `placed` are users another rule already took (service
 * accounts held or excluded); without a remainder rule anyone else refuses the plan.
 */
export function decideCoverage(input: {
  remainder: RemainderRule | undefined;
  unassigned: readonly string[];
  placed: ReadonlySet<string>;
  at: string;
}): CoverageDecision {
  const uncovered = input.unassigned.filter((id) => !input.placed.has(id));
  if (uncovered.length === 0) return { ok: true, placements: [] };
  const rule = input.remainder;
  if (rule === undefined) return { ok: false, uncovered };
  // A finalWave rule adds a wave that takes everyone left (remainderWave), so nobody reaches here
  // under it unless the plan already ended on a share-1 wave: then that wave was the final one.
  const said = rule.reason === undefined ? "" : `: ${rule.reason}`;
  if (rule.action === "exclude") {
    const expires = new Date(Date.parse(input.at) + PLAN_EXCLUSION_DAYS * 86_400_000).toISOString();
    return {
      ok: true,
      placements: uncovered.map((userId) => ({
        userId,
        stage: "excluded",
        reason: `in no wave; excluded by the plan's remainder rule${said}`,
        exclusionExpiresAt: expires,
      })),
    };
  }
  return {
    ok: true,
    placements: uncovered.map((userId) => ({
      userId,
      stage: "reportOnly",
      reason: `in no wave; left in report-only by the plan's remainder rule${said}`,
    })),
  };
}

/** The refusal an admin reads: the count and a few names, and what would fix it. */
export function uncoveredMessage(count: number, names: readonly string[]): string {
  const more = count > names.length ? `, and ${count - names.length} more` : "";
  return (
    `${count} population user(s) are in no wave: ${names.join(", ")}${more}. ` +
    `Add a wave that selects them, or a "remainder" rule ({"action": "finalWave" | "exclude" | "reportOnly", "reason": "…"}).`
  );
}

/**
 * The wave a `finalWave` remainder rule adds: everyone still left, with the last wave's timings,
 * approval and gates. Added at validation so the setup, the engine, preview and report all see
 * the same waves.
 */
export function withRemainderWave<P extends Pick<Plan, "waves" | "remainder">>(plan: P): P {
  if (plan.remainder?.action !== "finalWave") return plan;
  const last = plan.waves[plan.waves.length - 1];
  if (!last || plan.waves.some((w) => "share" in w.select && w.select.share === 1)) return plan;
  return {
    ...plan,
    waves: [...plan.waves, { ...last, name: REMAINDER_WAVE_NAME, select: { share: 1 } }],
  };
}

/** A finalWave rule that cannot add its wave is an error, not a silent no-op. */
export function remainderProblems(
  plan: Pick<Plan, "waves" | "remainder">,
): { path: string; message: string }[] {
  if (plan.remainder?.action !== "finalWave") return [];
  const problems: { path: string; message: string }[] = [];
  const takesAll = plan.waves.find((w) => "share" in w.select && w.select.share === 1);
  if (takesAll) {
    problems.push({
      path: "$.remainder.action",
      message: `wave "${takesAll.name}" already takes everyone left (share 1): a final wave would be empty`,
    });
  }
  if (plan.waves.some((w) => w.name.toLowerCase() === REMAINDER_WAVE_NAME)) {
    problems.push({
      path: "$.remainder.action",
      message: `a wave is already named "${REMAINDER_WAVE_NAME}", the name of the final wave this rule adds`,
    });
  }
  return problems;
}
