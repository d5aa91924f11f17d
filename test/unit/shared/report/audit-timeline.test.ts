import { auditTimeline, summarize } from "../../../../shared/report/audit-timeline";
import { audit } from "./report-fixtures";

const check = (at: string, verdict: string, reason: string, waveIndex = 0) =>
  audit(
    at,
    "decision:proceed",
    { verdict, reason, heldBack: [] },
    { actor: "system:health-gate", waveIndex },
  );

describe("auditTimeline", () => {
  it("folds a run of routine health checks into one line that ends with the latest reason", () => {
    const lines = auditTimeline([
      check("2026-01-08T14:00:00.000Z", "Pending", "26 of 200"),
      check("2026-01-08T20:00:00.000Z", "Pending", "55 of 200"),
      check("2026-01-09T02:00:00.000Z", "Pass", "healthy"),
      check("2026-01-09T08:00:00.000Z", "Pass", "still healthy"),
      check("2026-01-09T08:00:00.000Z", "Pass", "other wave", 1),
    ]);
    expect(lines.map((l) => [l.at, l.entries, l.until, l.summary])).toEqual([
      ["2026-01-08T14:00:00.000Z", 2, "2026-01-08T20:00:00.000Z", "Pending: 55 of 200"],
      ["2026-01-09T02:00:00.000Z", 2, "2026-01-09T08:00:00.000Z", "Pass: still healthy"],
      ["2026-01-09T08:00:00.000Z", 1, undefined, "Pass: other wave"],
    ]);
  });

  it("never folds a decision that changed something, nor across one", () => {
    const shrink = audit(
      "2026-01-09T14:00:00.000Z",
      "decision:shrink",
      { verdict: "Pass", reason: "holding back 2 users", heldBack: [{ userId: "a" }, { userId: "b" }] },
      { actor: "system:health-gate", waveIndex: 0 },
    );
    const lines = auditTimeline([
      check("2026-01-09T08:00:00.000Z", "Pass", "ok"),
      shrink,
      check("2026-01-09T20:00:00.000Z", "Pass", "ok"),
    ]);
    expect(lines.map((l) => l.action)).toEqual(["decision:proceed", "decision:shrink", "decision:proceed"]);
    expect(lines[1]?.summary).toBe("Pass: holding back 2 users (holds back 2 users)");
  });
});

describe("summarize", () => {
  it.each([
    [
      "wave:enforce",
      { enforced: 15, notFound: ["x"], requests: 1 },
      "15 users enforced in 1 Graph request(s); 1 no longer in the directory",
    ],
    ["status:paused", { reason: "health gate failed" }, "health gate failed"],
    [
      "exclusion:add",
      { userId: "u1", reason: "travel", expiresAt: "2026-02-01T00:00:00.000Z" },
      "u1 excluded until 2026-02-01 00:00 UTC: travel",
    ],
    [
      "held-back:retry",
      { enforced: ["a"], stillHeldBack: [{ userId: "b" }, { userId: "c" }] },
      "1 enforced, 2 still held back",
    ],
    [
      "rollout:completed",
      { counts: { enforced: 81, heldBack: 4, excluded: 0, reportOnly: 0 } },
      "enforced 81, held back 4, excluded 0, report-only 0",
    ],
    ["something:new", { a: 1 }, '{"a":1}'],
  ])("words %s", (action, details, expected) => {
    expect(summarize(audit("2026-01-09T08:00:00.000Z", action, details))).toBe(expected);
  });
});
