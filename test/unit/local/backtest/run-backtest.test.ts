import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RecordingError } from "../../../../local/graph-sim/recordings/read-recording";
import { runBacktest } from "../../../../local/backtest/run-backtest";

const FIXTURES = path.resolve(__dirname, "../../../../local/recordings");
const PLAN = path.resolve(__dirname, "../../../../local/plans/seed-phased.json");
const run = (file: string) =>
  runBacktest({ signins: file, planFile: PLAN, scenario: "invoicing-app", seed: 1 });

describe("npm start -- --signins: the plan's gates on a recorded sign-in log", () => {
  const [jsonl, pages, adminCenter] = [
    "invoicing-rollout.jsonl",
    "invoicing-rollout.graph-pages.json",
    "invoicing-rollout.admin-center.json",
  ].map((name) => run(path.join(FIXTURES, name)));

  it("replays each wave's gates over the recording's users and times, as the same gates in every format", () => {
    const gates = (lines: string[] | undefined) => (lines ?? []).slice(3);
    expect(gates(pages)).toEqual(gates(jsonl));
    expect(gates(adminCenter)).toEqual(gates(jsonl));
    const text = (jsonl ?? []).join("\n");
    expect(text).toMatch(/58 sign-ins of 5 users, 2026-01-07T07:44:39.349Z to 2026-01-08T17:47:48.146Z/);
    // Sales and Finance is the extended wave; the recording shows it enforced from 12:00 on day 2.
    expect(text).toMatch(/Wave "extended": 30 users, 5 of them in the recording/);
    expect(text).toMatch(/health gate \(enforced from 2026-01-07T12:/);
    // The pilot and core waves have nobody in the recording: no evidence, never a pass.
    expect(text).toMatch(
      /Wave "pilot": 15 users, 0 of them in the recording\n {2}readiness gate .*: Inconclusive/,
    );
  });

  it("rejects a malformed recording with the line and field, not a stack trace", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "backtest-"));
    const lines = readFileSync(path.join(FIXTURES, "invoicing-rollout.jsonl"), "utf8").split("\n");
    lines[2] = (lines[2] ?? "").replace(/"errorCode":\d+/, '"errorCode":"fifty"');
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, lines.join("\n"));
    expect(() => run(bad)).toThrow(RecordingError);
    expect(() => run(bad)).toThrow(/bad\.jsonl:3: status\.errorCode/);
    expect(() => run(path.join(dir, "missing.jsonl"))).toThrow(/missing\.jsonl: no such file/);
  });
});
