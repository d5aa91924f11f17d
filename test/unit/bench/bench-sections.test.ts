import { BENCH_SECTIONS, loadSection } from "../../../bench/bench-sections";

describe("bench sections", () => {
  it("reports a section whose module does not exist as not built instead of failing", () => {
    expect(loadSection("no-such-section")).toEqual({
      kind: "notBuilt",
      reason: "bench/no-such-section.ts does not exist",
    });
  });

  it("reports a module without a run() export as not built", () => {
    expect(loadSection("bench-types")).toEqual({
      kind: "notBuilt",
      reason: "bench/bench-types.ts exports no run() function",
    });
  });

  it("loads a section's run function", () => {
    expect(loadSection("packing").kind).toBe("ready");
  });

  it("runs the sections of issue 6, each once", () => {
    const names = BENCH_SECTIONS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      "packing",
      "gate-throughput",
      "history",
      "read-amplification",
      "scale",
      "graph-efficiency",
    ]);
  });
});
