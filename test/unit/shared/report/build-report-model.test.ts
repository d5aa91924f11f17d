import { buildReportModel } from "../../../../shared/report";
import { audit, counts, pilotRows, rollout, user } from "./report-fixtures";

describe("buildReportModel", () => {
  it("derives every part of the report from the rows", () => {
    const model = buildReportModel(pilotRows());
    expect(model.rollout).toMatchObject({
      id: "mfa-all-staff-2026",
      status: "running",
      description: "Require MFA for all cloud apps, all staff, in three waves",
    });
    expect(model.waves.map((w) => w.name)).toEqual(["pilot", "core"]);
    expect(model.stages.points.at(-1)).toEqual({
      at: "2026-01-11T00:00:00.000Z",
      counts: counts({ reportOnly: 20, enforced: 8, heldBack: 2 }),
    });
    expect(model.gates[0]?.health.map((h) => h.decision)).toEqual(["proceed", "shrink"]);
    expect(model.heldBack.map((u) => [u.upn, u.waveName, u.reason])).toEqual([
      ["u1@contoso.test", "pilot", "no MFA method registered"],
      ["u2@contoso.test", "pilot", "Contoso Invoicing on iOS"],
    ]);
    expect(model.audit.map((a) => a.action)).toEqual(["setup", "wave:enforce", "decision:shrink"]);
  });

  it("ends a finished rollout's stage chart when it finished, not when the report was made", () => {
    const rows = pilotRows();
    const done = audit("2026-01-20T08:00:00.000Z", "rollout:completed", { counts: rows.rollout.counts });
    const model = buildReportModel({
      ...rows,
      rollout: { ...rows.rollout, status: "completed" },
      audit: [...rows.audit, done],
      generatedAt: "2026-03-01T00:00:00.000Z",
    });
    expect(model.stages.points.at(-1)?.at).toBe("2026-01-20T08:00:00.000Z");
  });

  it("falls back to the default limits when the stored plan no longer validates", () => {
    const rows = pilotRows({ rollout: rollout({ plan: { rolloutId: "broken" } }) });
    const model = buildReportModel(rows);
    expect(model.gates[0]?.readiness[0]?.maxPredictedFailureShare).toBe(0.05);
    expect(model.rollout.description).toBeUndefined();
  });

  it("names users held back outside any wave", () => {
    const model = buildReportModel(pilotRows({ heldBack: [user("u9", { waveIndex: -1, upn: "" })] }));
    expect(model.heldBack[0]).toMatchObject({ waveName: "no wave", upn: "", retries: 0 });
  });
});
