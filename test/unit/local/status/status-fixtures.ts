import type { RolloutDetail, RolloutLine } from "../../../../local/status/status-model";

export const counts = (over: Partial<RolloutLine["counts"]> = {}): RolloutLine["counts"] => ({
  pending: 0,
  reportOnly: 0,
  heldBack: 0,
  excluded: 0,
  enforced: 0,
  ...over,
});

export const line = (over: Partial<RolloutLine> = {}): RolloutLine => ({
  id: "seed-phased",
  status: "running",
  wave: { number: 3, of: 3, name: "extended" },
  counts: counts({ enforced: 81, heldBack: 4 }),
  updatedAt: "2026-02-05T08:00:00.000Z",
  timeZone: "Europe/London",
  ...over,
});

export const detail = (over: Partial<RolloutDetail> = {}): RolloutDetail => ({
  rollout: {
    ...line({ status: "paused", statusReason: "health gate: systemic: MFA service failing" }),
    createdBy: "jane.doe@contoso.com",
    createdAt: "2026-01-05T07:00:00.000Z",
    orchestrationVersion: "2",
  },
  waves: [
    {
      index: 0,
      name: "pilot",
      phase: "completed",
      planned: 15,
      enforced: 15,
      heldBack: 0,
      excluded: 0,
      extensions: 0,
      lastDecision: { decision: "proceed", at: "2026-01-15T08:00:04.668Z" },
    },
    {
      index: 2,
      name: "extended",
      phase: "bake",
      planned: 30,
      enforced: 26,
      heldBack: 4,
      excluded: 0,
      extensions: 1,
    },
  ],
  heldBack: [
    {
      userId: "7b0c0000-0000-4000-8000-000000000001",
      upn: "dana.ueda@contoso.com",
      wave: "extended",
      reason: "Contoso Invoicing on iOS: 2 of 2 sign-ins failed MFA (error 50074)",
      until: "2026-02-12T08:00:00.000Z",
    },
    { userId: "7b0c0000-0000-4000-8000-000000000002", upn: "", wave: "extended", reason: "no MFA method" },
  ],
  excluded: [],
  lastGates: [
    {
      wave: "extended",
      gate: "health",
      evaluatedAt: "2026-02-05T08:00:00.000Z",
      verdict: "Fail",
      decision: "shrink",
      reasons: ["holding back 4 users who fail on one app and platform", "MFA failures at 3%"],
      metrics: {
        wave: { signIns: 520, failures: 16, rate: 16 / 520 },
        baseline: { signIns: 800, failures: 2, rate: 0.0025 },
        excessVsBaseline: { estimate: 0.0283, lower: 0.015, upper: 0.045 },
      },
    },
  ],
  ...over,
});
