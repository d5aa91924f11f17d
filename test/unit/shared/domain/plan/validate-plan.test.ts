import { DEFAULT_GATES, validatePlan, waveGates, type Plan } from "../../../../../shared/domain";
import { samplePlanInput } from "../../../../fixtures/sample-plan";

type Mutate = (plan: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const BG1 = "6a1f0c2e-0000-4000-8000-0000000000b1";
const USER = "0a000000-0000-4000-8000-000000000001";

function errorsOf(mutate: Mutate) {
  const input = samplePlanInput();
  mutate(input);
  const result = validatePlan(input);
  if (result.ok) throw new Error("expected the plan to be rejected");
  return result.errors;
}

function validPlan(mutate: Mutate = () => undefined): Plan {
  const input = samplePlanInput();
  mutate(input);
  const result = validatePlan(input);
  if (!result.ok) throw new Error(`expected a valid plan: ${JSON.stringify(result.errors)}`);
  return result.plan;
}

describe("validatePlan accepts", () => {
  it("the sample plan and fills defaults", () => {
    const plan = validPlan((p) => {
      delete p.gates;
      delete p.schedule.blackoutDates;
    });
    expect(plan.waves.map((w) => w.requireApproval)).toEqual([false, true, false]);
    expect(plan.gates).toEqual(DEFAULT_GATES);
    expect(plan.schedule.blackoutDates).toEqual([]);
  });

  it("lowercases ids so later comparisons are exact", () => {
    const plan = validPlan((p) => (p.population.userIds = [USER.toUpperCase()]));
    expect(plan.population.userIds).toEqual([USER]);
  });

  it("a copyFrom policy and user-id / count waves", () => {
    const plan = validPlan((p) => {
      p.policy = { copyFrom: "9b000000-0000-4000-8000-000000000001" };
      p.waves[0].select = { userIds: [USER] };
      p.waves[1].select = { count: 25 };
    });
    expect(plan.policy).toEqual({ copyFrom: "9b000000-0000-4000-8000-000000000001" });
    expect(plan.waves[1]?.select).toEqual({ count: 25 });
  });

  it("resolves wave gates as defaults < plan < wave, field by field", () => {
    const plan = validPlan((p) => {
      p.gates = { health: { minSignIns: 300 } };
      p.waves[2].gates = { health: { maxExtensions: 1 } };
    });
    expect(waveGates(plan, 2).health).toEqual({ ...DEFAULT_GATES.health, minSignIns: 300, maxExtensions: 1 });
    expect(waveGates(plan, 0).health.maxExtensions).toBe(DEFAULT_GATES.health.maxExtensions);
    expect(() => waveGates(plan, 3)).toThrow(/no wave 3/);
  });
});

describe("validatePlan rejects, naming the path", () => {
  const cases: [string, Mutate, string, RegExp][] = [
    ["a bad rollout id", (p) => (p.rolloutId = "My Rollout"), "$.rolloutId", /lowercase/],
    ["a too-short rollout id", (p) => (p.rolloutId = "ab"), "$.rolloutId", /3-63/],
    ["a missing rollout id", (p) => delete p.rolloutId, "$.rolloutId", /is required/],
    [
      "an unknown template",
      (p) => (p.policy = { template: "block-all" }),
      "$.policy.template",
      /unknown policy template "block-all"/,
    ],
    ["template and copyFrom together", (p) => (p.policy.copyFrom = USER), "$.policy", /exactly one/],
    ["an empty population", (p) => (p.population = {}), "$.population", /at least one/],
    [
      "an invalid group GUID",
      (p) => (p.population.groupIds = ["not-a-guid"]),
      "$.population.groupIds[0]",
      /GUID/,
    ],
    ["no break-glass users", (p) => (p.breakGlass = []), "$.breakGlass", /at least one/],
    [
      "break-glass in the population users",
      (p) => (p.population.userIds = [BG1]),
      "$.population.userIds[0]",
      /break-glass/,
    ],
    [
      "break-glass in a wave (any case)",
      (p) => (p.waves[0].select = { userIds: [USER, BG1.toUpperCase()] }),
      "$.waves[0].select.userIds[1]",
      /break-glass/,
    ],
    ["no waves", (p) => (p.waves = []), "$.waves", /at least one wave/],
    ["duplicate wave names", (p) => (p.waves[1].name = "Pilot"), "$.waves[1].name", /duplicate wave name/],
    [
      "the same group in two waves",
      (p) => (p.waves[1].select = { ...p.waves[0].select }),
      "$.waves[1].select.groupId",
      /already selected by wave 0/,
    ],
    [
      "the same user in two waves",
      (p) => {
        p.waves[0].select = { userIds: [USER] };
        p.waves[1].select = { userIds: [USER] };
      },
      "$.waves[1].select.userIds[0]",
      /already in wave 0/,
    ],
    [
      "a user twice in one wave",
      (p) => (p.waves[0].select = { userIds: [USER, USER] }),
      "$.waves[0].select.userIds[1]",
      /twice/,
    ],
    ["a share above 1", (p) => (p.waves[2].select = { share: 1.2 }), "$.waves[2].select.share", /at most 1/],
    ["a zero share", (p) => (p.waves[2].select = { share: 0 }), "$.waves[2].select.share", /greater than 0/],
    ["a fractional count", (p) => (p.waves[2].select = { count: 2.5 }), "$.waves[2].select.count", /whole/],
    [
      "two selectors",
      (p) => (p.waves[2].select = { share: 0.5, count: 3 }),
      "$.waves[2].select",
      /exactly one/,
    ],
    [
      "a wave after share 1 (it would be empty)",
      (p) => p.waves.push({ name: "late", select: { count: 5 }, observeFor: "P1D", bakeFor: "P1D" }),
      "$.waves[3].select",
      /wave 2 takes all/,
    ],
    [
      "a malformed duration",
      (p) => (p.waves[0].observeFor = "3 days"),
      "$.waves[0].observeFor",
      /not an ISO 8601 duration/,
    ],
    ["a zero duration", (p) => (p.waves[0].bakeFor = "PT0S"), "$.waves[0].bakeFor", /longer than zero/],
    ["a negative duration", (p) => (p.waves[0].bakeFor = "PT-5H"), "$.waves[0].bakeFor", /longer than zero/],
    [
      "observation under an hour",
      (p) => (p.waves[0].observeFor = "PT30M"),
      "$.waves[0].observeFor",
      /at least PT1H/,
    ],
    ["a bake over the limit", (p) => (p.waves[1].bakeFor = "P45D"), "$.waves[1].bakeFor", /at most P30D/],
    [
      "a non-boolean approval",
      (p) => (p.waves[0].requireApproval = "yes"),
      "$.waves[0].requireApproval",
      /true or false/,
    ],
    ["a confidence of 1", (p) => (p.gates.health.confidence = 1), "$.gates.health.confidence", /below 1/],
    [
      "a share threshold above 1",
      (p) => (p.gates.readiness.minRegisteredShare = 90),
      "$.gates.readiness.minRegisteredShare",
      /between 0 and 1/,
    ],
    [
      "a bad wave gate override",
      (p) => (p.waves[0].gates = { shrink: { retryAfter: "soon" } }),
      "$.waves[0].gates.shrink.retryAfter",
      /ISO 8601/,
    ],
    [
      "an unknown time zone",
      (p) => (p.schedule.timeZone = "Europe/Atlantis"),
      "$.schedule.timeZone",
      /unknown time zone "Europe\/Atlantis"/,
    ],
    [
      "a window ending before it starts",
      (p) => (p.schedule.changeWindows[0].end = "07:00"),
      "$.schedule.changeWindows[0].end",
      /after start 08:00/,
    ],
    [
      "a window of zero length",
      (p) => (p.schedule.changeWindows[0].end = "08:00"),
      "$.schedule.changeWindows[0].end",
      /after start/,
    ],
    [
      "a bad clock time",
      (p) => (p.schedule.changeWindows[0].start = "8am"),
      "$.schedule.changeWindows[0].start",
      /HH:mm/,
    ],
    [
      "an unknown day",
      (p) => (p.schedule.changeWindows[0].days = ["monday"]),
      "$.schedule.changeWindows[0].days[0]",
      /one of mon/,
    ],
    [
      "an impossible date",
      (p) => (p.schedule.blackoutDates = ["2026-02-30"]),
      "$.schedule.blackoutDates[0]",
      /not a date/,
    ],
    [
      "a date in another format",
      (p) => (p.schedule.blackoutDates = ["24/12/2026"]),
      "$.schedule.blackoutDates[0]",
      /not a date/,
    ],
    [
      "an unknown field (a typo)",
      (p) => (p.waves[0].observFor = "P1D"),
      "$.waves[0].observFor",
      /unknown field/,
    ],
  ];

  it.each(cases)("%s", (_name, mutate, path, message) => {
    const errors = errorsOf(mutate);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("reports every problem at once, schema and cross-field together", () => {
    const errors = errorsOf((p) => {
      p.rolloutId = "X";
      p.schedule.timeZone = "Nowhere/Town";
      p.schedule.changeWindows = [{ days: ["mon", "funday"], start: "17:00", end: "09:00" }];
      p.waves[1].name = "pilot";
      p.waves[0].observeFor = "PT5M";
      p.breakGlass = [BG1, "nope"];
      p.population.userIds = [BG1];
    });
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        "$.rolloutId",
        "$.schedule.timeZone",
        "$.schedule.changeWindows[0].days[1]",
        "$.schedule.changeWindows[0].end",
        "$.waves[1].name",
        "$.waves[0].observeFor",
        "$.breakGlass[1]",
        "$.population.userIds[0]",
      ]),
    );
  });

  it("lists problems in plan order (wave 2 before wave 10)", () => {
    const errors = errorsOf((p) => {
      p.waves = Array.from({ length: 11 }, (_, i) => ({
        name: `w${i}`,
        select: { count: 1 },
        observeFor: "P1D",
        bakeFor: i === 2 || i === 10 ? "nope" : "P1D",
      }));
    });
    expect(errors.map((e) => e.path)).toEqual(["$.waves[2].bakeFor", "$.waves[10].bakeFor"]);
  });

  it.each([
    ["null", null],
    ["an array", []],
    ["a string", "plan"],
  ])("a plan that is %s", (_name, input) => {
    const result = validatePlan(input);
    expect(result).toEqual({ ok: false, errors: [{ path: "$", message: expect.stringMatching(/object/) }] });
  });
});
