import {
  decideCoverage,
  PLAN_EXCLUSION_DAYS,
  uncoveredMessage,
  validatePlan,
  type Plan,
} from "../../../../../shared/domain";
import { samplePlanInput } from "../../../../fixtures/sample-plan";
import { u } from "../fixtures";

const AT = "2026-01-05T07:00:00.000Z";

function plan(overrides: Record<string, unknown>): Plan {
  const validation = validatePlan({ ...samplePlanInput(), ...overrides });
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.plan;
}

describe("decideCoverage", () => {
  it("accepts a plan whose waves cover everyone, with nothing to place", () => {
    expect(decideCoverage({ remainder: undefined, unassigned: [], placed: new Set(), at: AT })).toEqual({
      ok: true,
      placements: [],
    });
  });

  it("refuses users in no wave when the plan has no remainder rule, listing only those not placed otherwise", () => {
    const decision = decideCoverage({
      remainder: undefined,
      unassigned: [u(1), u(2), u(3)],
      placed: new Set([u(2)]),
      at: AT,
    });
    expect(decision).toEqual({ ok: false, uncovered: [u(1), u(3)] });
  });

  it("accepts when every user in no wave is placed by another rule", () => {
    const decision = decideCoverage({
      remainder: undefined,
      unassigned: [u(1)],
      placed: new Set([u(1)]),
      at: AT,
    });
    expect(decision).toEqual({ ok: true, placements: [] });
  });

  it("remainder reportOnly: each user stays in report-only with the rule's reason", () => {
    const decision = decideCoverage({
      remainder: { action: "reportOnly", reason: "contractors, own policy" },
      unassigned: [u(1)],
      placed: new Set(),
      at: AT,
    });
    expect(decision).toEqual({
      ok: true,
      placements: [
        {
          userId: u(1),
          stage: "reportOnly",
          reason: "in no wave; left in report-only by the plan's remainder rule: contractors, own policy",
        },
      ],
    });
  });

  it("remainder exclude: a time-boxed exclusion that ends PLAN_EXCLUSION_DAYS after the start", () => {
    const decision = decideCoverage({
      remainder: { action: "exclude" },
      unassigned: [u(1)],
      placed: new Set(),
      at: AT,
    });
    expect(decision).toEqual({
      ok: true,
      placements: [
        {
          userId: u(1),
          stage: "excluded",
          reason: "in no wave; excluded by the plan's remainder rule",
          exclusionExpiresAt: new Date(Date.parse(AT) + PLAN_EXCLUSION_DAYS * 86_400_000).toISOString(),
        },
      ],
    });
  });
});

describe("uncoveredMessage", () => {
  it("names the count, the sample and how many more", () => {
    expect(uncoveredMessage(7, ["a@x", "b@x"])).toMatch(
      /^7 population user\(s\) are in no wave: a@x, b@x, and 5 more\. /,
    );
    expect(uncoveredMessage(2, ["a@x", "b@x"])).toMatch(
      /^2 population user\(s\) are in no wave: a@x, b@x\. Add a wave/,
    );
  });
});

describe("the remainder rule in a plan", () => {
  it("finalWave adds a last wave named remainder, taking everyone left with the last wave's timings", () => {
    const twoWaves = (samplePlanInput().waves as unknown[]).slice(0, 2);
    const parsed = plan({ waves: twoWaves, remainder: { action: "finalWave" } });
    expect(parsed.waves).toHaveLength(3);
    const last = parsed.waves[parsed.waves.length - 2];
    expect(parsed.waves[parsed.waves.length - 1]).toEqual({
      ...last,
      name: "remainder",
      select: { share: 1 },
    });
  });

  it("exclude and reportOnly add no wave", () => {
    const waves = plan({}).waves.length;
    expect(plan({ remainder: { action: "exclude" } }).waves).toHaveLength(waves);
    expect(plan({ remainder: { action: "reportOnly", reason: "why" } }).waves).toHaveLength(waves);
  });

  it("refuses an unknown action, an empty reason and unknown fields", () => {
    const result = validatePlan({
      ...samplePlanInput(),
      remainder: { action: "later", reason: " ", why: 1 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(
      ["$.remainder.action", "$.remainder.reason", "$.remainder.why"].sort(),
    );
  });

  it("refuses finalWave after a wave that takes everyone left, or beside a wave already named remainder", () => {
    const input: Record<string, unknown> = { ...samplePlanInput(), remainder: { action: "finalWave" } };
    const waves = input.waves as Record<string, unknown>[];
    const takesAll = validatePlan({
      ...input,
      waves: [...waves.slice(0, -1), { ...waves[0], name: "rest", select: { share: 1 } }],
    });
    expect(takesAll.ok).toBe(false);
    if (!takesAll.ok) expect(takesAll.errors[0]?.message).toMatch(/wave "rest" already takes everyone left/);
    const named = validatePlan({
      ...input,
      waves: [...waves.slice(0, 1), { ...waves[1], name: "Remainder" }],
    });
    expect(named.ok).toBe(false);
    if (!named.ok) expect(named.errors[0]?.message).toMatch(/already named "remainder"/);
  });
});
