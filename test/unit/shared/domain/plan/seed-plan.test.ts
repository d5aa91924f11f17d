import seed from "../../../../../local/plans/seed-phased.json";
import { validatePlan } from "../../../../../shared/domain";
import { SEED_IDS } from "../../../../fixtures/sample-plan";

describe("local/plans/seed-phased.json", () => {
  const result = validatePlan(seed);

  it("is a valid plan", () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("uses the simulator's fixed group and break-glass ids", () => {
    if (!result.ok) throw new Error("invalid seed plan");
    const { plan } = result;
    expect(plan.population.groupIds).toEqual([SEED_IDS.allStaffGroup]);
    expect(plan.waves.map((w) => [w.name, w.select])).toEqual([
      ["pilot", { groupId: SEED_IDS.itPilotGroup }],
      ["core", { groupId: SEED_IDS.plannersGroup }],
      ["extended", { groupId: SEED_IDS.salesAndFinanceGroup }],
    ]);
    expect(plan.breakGlass).toEqual([SEED_IDS.breakGlass1, SEED_IDS.breakGlass2]);
    expect(plan.schedule.timeZone).toBe("Europe/London");
    expect(plan.schedule.changeWindows).toEqual([
      { days: ["mon", "tue", "wed", "thu"], start: "08:00", end: "16:00" },
    ]);
  });
});
