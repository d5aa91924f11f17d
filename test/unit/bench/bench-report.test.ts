import { figure, meetsGoal } from "../../../bench/bench-goal";
import { formatValue, markdownTable, textTable, type SectionOutcome } from "../../../bench/bench-report";

describe("bench goals", () => {
  it.each([
    [2.5, "<=", 2.6, true],
    [2.6, "<=", 2.6, true],
    [2.61, "<=", 2.6, false],
    [0.8, ">=", 0.8, true],
    [0.79, ">=", 0.8, false],
    [199, "<", 200, true],
    [200, "<", 200, false],
  ] as const)("%d %s %d is %s", (value, op, goal, expected) => {
    expect(meetsGoal(value, { op, value: goal })).toBe(expected);
  });

  it("never counts a missing measurement as met", () => {
    expect(meetsGoal(Number.NaN, { op: "<=", value: 1 })).toBe(false);
    expect(meetsGoal(Number.POSITIVE_INFINITY, { op: ">=", value: 1 })).toBe(false);
  });

  it("works out met from the goal, and leaves it out without one", () => {
    expect(figure("a", 3, "req", { op: "<=", value: 2.6 })).toEqual({
      label: "a",
      value: 3,
      unit: "req",
      goal: { op: "<=", value: 2.6 },
      met: false,
    });
    expect(figure("b", 3, "req")).toEqual({ label: "b", value: 3, unit: "req" });
  });
});

describe("bench table", () => {
  const outcomes: SectionOutcome[] = [
    {
      name: "packing",
      status: "ok",
      seconds: 1,
      section: {
        name: "packing",
        figures: [
          figure("requests per 1,000 users", 2.51, "req", { op: "<=", value: 2.6 }),
          figure("users lost", 2, "", { op: "<=", value: 0 }),
          figure("retries", 20, ""),
        ],
      },
    },
    { name: "scale", status: "notBuilt", reason: "bench/scale.ts does not exist" },
    { name: "history", status: "failed", seconds: 2, error: "Error: boom\n    at somewhere" },
  ];

  it("shows every figure with its goal and whether it was met, and why a section has none", () => {
    const text = textTable(outcomes);
    expect(text).toMatch(/packing\s+requests per 1,000 users\s+2\.51 req\s+<= 2\.6\s+yes/);
    expect(text).toMatch(/packing\s+users lost\s+2\s+<= 0\s+NO/);
    expect(text).toMatch(/scale\s+\(not built\)\s+bench\/scale\.ts does not exist/);
    expect(text).toMatch(/history\s+\(failed\)\s+Error: boom$/m);
    expect(text).not.toContain("somewhere");
  });

  it("renders the same rows as a Markdown table", () => {
    const md = markdownTable(outcomes).split("\n");
    expect(md[0]).toBe("| section | figure | value | goal | met |");
    expect(md).toContain("| packing | users lost | 2 | <= 0 | NO |");
    expect(md).toHaveLength(2 + 5);
  });

  it.each([
    [1000, "1,000"],
    [2.5, "2.50"],
    [0.5883, "0.588"],
    [123456.7, "123,457"],
  ])("formats %d as %s", (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});
