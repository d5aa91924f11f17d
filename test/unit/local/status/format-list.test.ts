import { formatRolloutList } from "../../../../local/status/format-list";
import { textTable } from "../../../../local/status/text-table";
import { counts, line } from "./status-fixtures";

describe("the rollout list", () => {
  it("shows one aligned row per rollout with wave, counts and update time", () => {
    const text = formatRolloutList(
      [line(), line({ id: "mfa-q2", status: "completed", wave: null, counts: counts({ enforced: 1200 }) })],
      "devstoreaccount1",
    );
    const [header, first, second] = text.split("\n");
    expect(header).toMatch(/^ROLLOUT\s+STATUS\s+WAVE\s+ENFORCED\s+HELD BACK/);
    expect(first).toMatch(
      /^seed-phased\s+running\s+3\/3 extended\s+81\s+4\s+0\s+0\s+0\s+2026-02-05 08:00 \+00:00$/,
    );
    expect(second).toMatch(/^mfa-q2\s+completed\s+-\s+1200\s+0/);
    // Counts are right-aligned: the last digits of 81 and 1200 share a column.
    const end = (row: string | undefined, value: string) => (row ?? "").indexOf(value) + value.length;
    expect(end(first, " 81 ")).toBe(end(second, "1200 "));
  });

  it("shows each rollout's time in its plan's zone with the offset, or UTC with --utc", () => {
    const tokyo = line({ id: "apac", timeZone: "Asia/Tokyo" });
    expect(formatRolloutList([tokyo], "x").split("\n")[1]).toMatch(/2026-02-05 17:00 \+09:00$/);
    expect(formatRolloutList([tokyo], "x", { utc: true }).split("\n")[1]).toMatch(/2026-02-05 08:00 UTC$/);
  });

  it("says why a rollout waits or stopped, and nothing for one that runs", () => {
    const text = formatRolloutList(
      [
        line({ status: "paused", statusReason: "health gate: systemic" }),
        line({ id: "b", statusReason: "wave 1 started" }),
      ],
      "x",
    );
    expect(text).toContain("seed-phased is paused: health gate: systemic");
    expect(text).not.toContain("wave 1 started");
  });

  it("says so when there are no rollouts, naming where it looked", () => {
    expect(formatRolloutList([], "devstoreaccount1 at http://127.0.0.1:1/x")).toBe(
      "No rollouts in devstoreaccount1 at http://127.0.0.1:1/x.",
    );
  });
});

describe("textTable", () => {
  it("pads text left-aligned and numeric columns right-aligned, without trailing spaces", () => {
    expect(
      textTable(
        ["a", "n"],
        [
          ["xx", "5"],
          ["y", "10"],
        ],
      ).split("\n"),
    ).toEqual(["a    n", "xx   5", "y   10"]);
  });
});
