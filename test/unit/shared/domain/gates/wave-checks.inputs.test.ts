import {
  checkHealth,
  checkReadiness,
  DEFAULT_GATES,
  type GateThresholds,
} from "../../../../../shared/domain";
import { countersOf, many, u, type SignInSpec } from "../fixtures";

/** How checkHealth and checkReadiness read their inputs: which cohorts, which limits. */
const waveUsers = Array.from({ length: 40 }, (_, i) => u(i + 1));
const controlUsers = Array.from({ length: 60 }, (_, i) => u(1000 + i));
const invoicingIos = { app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" };
const day = (ids: string[], failures = 0): SignInSpec[] =>
  ids.flatMap((id, i) => [
    ...many(9, { user: id }),
    i < failures ? { user: id, code: 500121 } : { user: id },
  ]);
const state = { bakeComplete: true, extensions: 0, waveSize: 40, heldBack: 0 };

describe("checkHealth's inputs", () => {
  const current = countersOf([...day(waveUsers, 2), ...day(controlUsers, 3)]);
  const baseline = countersOf([...day(waveUsers, 1), ...day(controlUsers, 2)]);

  it("reads the control cohort from its own counters as it does from user ids in the wave's", () => {
    const byIds = checkHealth({
      waveUserIds: waveUsers,
      controlUserIds: controlUsers,
      current,
      baseline,
      gates: DEFAULT_GATES,
      state,
    });
    const byCounters = checkHealth({
      waveUserIds: waveUsers,
      current: countersOf(day(waveUsers, 2)),
      baseline: countersOf(day(waveUsers, 1)),
      control: { current: countersOf(day(controlUsers, 3)), baseline: countersOf(day(controlUsers, 2)) },
      gates: DEFAULT_GATES,
      state,
    });
    expect(byIds.health.metrics.control).toEqual({ signIns: 600, failures: 3, rate: 0.005 });
    expect(byCounters.health).toEqual(byIds.health);
    expect(byCounters.decision).toEqual(byIds.decision);
  });

  it("has no control cohort when given none", () => {
    const result = checkHealth({ waveUserIds: waveUsers, current, baseline, gates: DEFAULT_GATES, state });
    expect(result.health.metrics.control).toBeNull();
    expect(result.health.metrics.wave).toEqual({ signIns: 400, failures: 2, rate: 0.005 });
    expect(result.health.metrics.baseline).toEqual({ signIns: 400, failures: 1, rate: 0.0025 });
  });

  it("decides with the plan's extension limit", () => {
    const gates: GateThresholds = {
      ...DEFAULT_GATES,
      health: { ...DEFAULT_GATES.health, minSignIns: 100_000, maxExtensions: 5 },
    };
    const result = checkHealth({ waveUserIds: waveUsers, current, baseline, gates, state });
    expect(result.decision.decision).toBe("extend");
    expect(result.decision.reason).toMatch(/^extension 1 of 5:/);
  });

  it("learns which app is broken from the users already held back, and blames the next one on it", () => {
    const heldBack = [u(1), u(2), u(3)];
    const next = u(4);
    const wave = waveUsers.filter((id) => !heldBack.includes(id));
    const now = countersOf([
      ...day(wave.filter((id) => id !== next)),
      ...heldBack.flatMap((id) => many(4, { user: id, ...invoicingIos, code: 50074 })),
      { user: next, ...invoicingIos, code: 50074 },
      ...many(9, { user: next }),
    ]);
    const input = { waveUserIds: wave, current: now, baseline, gates: DEFAULT_GATES, state };
    expect(checkHealth(input).attribution.holdBack).toEqual([]);
    const result = checkHealth({ ...input, heldBackUserIds: heldBack });
    expect(result.attribution.holdBack.map((h) => h.userId)).toEqual([next]);
  });
});

describe("checkReadiness's inputs", () => {
  it("decides with the plan's held-back share", () => {
    const registration = Object.fromEntries(
      waveUsers.map((id, i) => [id, { isMfaRegistered: i >= 4, isMfaCapable: i >= 4 }]),
    );
    const observed = countersOf(
      waveUsers.map((id) => ({ user: id, reportOnly: "reportOnlyInterrupted" as const })),
    );
    const run = (maxHeldBackShare: number) =>
      checkReadiness({
        userIds: waveUsers,
        registration,
        observed,
        gates: { ...DEFAULT_GATES, shrink: { ...DEFAULT_GATES.shrink, maxHeldBackShare } },
        state: { extensions: 0, waveSize: 40, heldBack: 0 },
      }).decision.decision;
    expect(run(0.1)).toBe("shrink");
    expect(run(0.05)).toBe("pause");
  });
});
