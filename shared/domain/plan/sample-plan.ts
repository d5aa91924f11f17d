/**
 * Fixed ids shared with the Graph simulator's seed scenario (local/graph-sim/scenarios/clean.json),
 * so a plan written here finds its groups in the simulated tenant. The break-glass ids are the
 * ones local/plans/seed-phased.json names.
 */
export const SEED_IDS = Object.freeze({
  allStaffGroup: "a11c0000-5a1f-4c0d-9e00-000000000001",
  itPilotGroup: "a11c0000-5a1f-4c0d-9e00-000000000002",
  plannersGroup: "a11c0000-5a1f-4c0d-9e00-000000000003",
  salesAndFinanceGroup: "a11c0000-5a1f-4c0d-9e00-000000000004",
  breakGlass1: "6a1f0c2e-0000-4000-8000-0000000000b1",
  breakGlass2: "6a1f0c2e-0000-4000-8000-0000000000b2",
});

/**
 * A valid plan as an admin would post it (raw JSON, before defaults): pilot and core by group,
 * then everyone left by share 1. Tests clone and break it; never mutate it.
 */
export const SAMPLE_PLAN_INPUT = Object.freeze({
  rolloutId: "mfa-all-staff-2026",
  description: "Require MFA for all cloud apps, all staff, in three waves",
  policy: { template: "require-mfa-all-apps" },
  population: { groupIds: [SEED_IDS.allStaffGroup] },
  breakGlass: [SEED_IDS.breakGlass1, SEED_IDS.breakGlass2],
  waves: [
    {
      name: "pilot",
      select: { groupId: SEED_IDS.itPilotGroup },
      observeFor: "P3D",
      bakeFor: "P5D",
    },
    {
      name: "core",
      select: { groupId: SEED_IDS.plannersGroup },
      observeFor: "P7D",
      bakeFor: "P7D",
      requireApproval: true,
    },
    {
      name: "extended",
      select: { share: 1 },
      observeFor: "P7D",
      bakeFor: "P10D",
      gates: { health: { minSignIns: 500 } },
    },
  ],
  gates: {
    readiness: { minRegisteredShare: 0.9, maxPredictedFailureShare: 0.05 },
    health: {
      maxExcessFailureRate: 0.05,
      confidence: 0.95,
      minSignIns: 200,
      maxExtensions: 3,
      extendBy: "P1D",
    },
    shrink: { maxHeldBackShare: 0.1, retryAfter: "P7D" },
  },
  schedule: {
    timeZone: "Europe/London",
    changeWindows: [{ days: ["mon", "tue", "wed", "thu"], start: "08:00", end: "16:00" }],
    blackoutDates: ["2026-12-24", "2026-12-25", "2026-12-31"],
  },
});

/** A deep copy of the sample, safe to edit in a test. */
export function samplePlanInput(): Record<string, unknown> {
  return structuredClone(SAMPLE_PLAN_INPUT) as unknown as Record<string, unknown>;
}
