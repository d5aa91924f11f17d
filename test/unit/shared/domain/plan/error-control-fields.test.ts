import { DEFAULT_GATES, validatePlan, waveGates } from "../../../../../shared/domain";
import { samplePlanInput } from "../../../../fixtures/sample-plan";

type Fields = Record<string, unknown>;

function validate(health: Fields, shrink: Fields = {}) {
  const input = samplePlanInput() as { gates?: { health?: Fields; shrink?: Fields } };
  input.gates = {
    ...input.gates,
    health: { ...input.gates?.health, ...health },
    shrink: { ...input.gates?.shrink, ...shrink },
  };
  return validatePlan(input);
}

const messages = (result: ReturnType<typeof validatePlan>) =>
  result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);

describe("plan fields of the false-alarm bound", () => {
  it("fills the defaults: 5% over the whole bake, tightest at 1000 attempts, broken at 50%", () => {
    expect(DEFAULT_GATES.health.maxFalseAlarmRate).toBe(0.05);
    expect(DEFAULT_GATES.health.tightestAtAttempts).toBe(1000);
    expect(DEFAULT_GATES.shrink.brokenFailureRate).toBe(0.5);
    const result = validatePlan(samplePlanInput());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(waveGates(result.plan, 0).health).toMatchObject({
      maxFalseAlarmRate: 0.05,
      tightestAtAttempts: 1000,
    });
    expect(waveGates(result.plan, 0).shrink.brokenFailureRate).toBe(0.5);
  });

  it("takes a plan's own values", () => {
    const result = validate(
      { maxFalseAlarmRate: 0.01, tightestAtAttempts: 5000 },
      { brokenFailureRate: 0.3 },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(waveGates(result.plan, 0).health).toMatchObject({
      maxFalseAlarmRate: 0.01,
      tightestAtAttempts: 5000,
    });
    expect(waveGates(result.plan, 0).shrink.brokenFailureRate).toBe(0.3);
  });

  it.each([
    [{ maxFalseAlarmRate: 0 }, /maxFalseAlarmRate: must be above 0 and at most 0.5/],
    [{ maxFalseAlarmRate: 0.5000001 }, /maxFalseAlarmRate: must be above 0 and at most 0.5/],
    [{ maxFalseAlarmRate: "0.05" }, /maxFalseAlarmRate: must be a number/],
    [{ tightestAtAttempts: 9 }, /tightestAtAttempts: must be at least 10/],
    [{ tightestAtAttempts: 10_000_001 }, /tightestAtAttempts: must be at most 10000000/],
    [{ tightestAtAttempts: 100.5 }, /tightestAtAttempts: must be a whole number/],
  ])("rejects health %j", (health, message) => {
    expect(messages(validate(health)).join("\n")).toMatch(message);
  });

  it.each([
    [{ maxFalseAlarmRate: 0.5 }],
    [{ maxFalseAlarmRate: 1e-6 }],
    [{ tightestAtAttempts: 10 }],
    [{ tightestAtAttempts: 10_000_000 }],
  ])("accepts health %j at the edge", (health) => {
    expect(messages(validate(health))).toEqual([]);
  });

  it.each([[0], [1], [-0.1]])("rejects brokenFailureRate %d", (rate) => {
    expect(messages(validate({}, { brokenFailureRate: rate })).join("\n")).toMatch(
      /brokenFailureRate: must be above 0 and below 1/,
    );
  });

  it.each([[0.01], [0.99]])("accepts brokenFailureRate %d", (rate) => {
    expect(messages(validate({}, { brokenFailureRate: rate }))).toEqual([]);
  });
});
