import { formatRolloutDetail } from "../../../../local/status/format-detail";
import { formatGate, gateMetricsLine } from "../../../../local/status/format-gate";
import { detail } from "./status-fixtures";

describe("one rollout in detail", () => {
  const text = formatRolloutDetail(detail());

  it("leads with the status and its reason, who started it under which orchestration version, and the user counts", () => {
    const [first, second, third] = text.split("\n");
    expect(first).toBe("Rollout seed-phased: paused — health gate: systemic: MFA service failing");
    expect(second).toContain(
      "wave 3/3 extended · started by jane.doe@contoso.com at 2026-01-05 07:00 +00:00 under orchestration v2 ·",
    );
    expect(third).toBe("  users: 81 enforced, 4 held back, 0 excluded, 0 report-only, 0 pending");
  });

  it("lists the waves with their counts and last decision", () => {
    expect(text).toMatch(/\npilot\s+completed\s+15\s+15\s+0\s+0\s+0\s+proceed at 2026-01-15 08:00 \+00:00\n/);
    expect(text).toMatch(/\nextended\s+bake\s+30\s+26\s+4\s+0\s+1\s+-\n/);
  });

  it("names each held-back user with the reason and what happens next: a re-check date, or an admin", () => {
    expect(text).toContain("Held back (2)");
    expect(text).toMatch(
      /dana\.ueda@contoso\.com\s+extended\s+re-checked 2026-02-12 08:00 \+00:00\s+Contoso Invoicing on iOS: 2 of 2 sign-ins failed MFA \(error 50074\)/,
    );
    expect(text).toMatch(
      /7b0c0000-0000-4000-8000-000000000002\s+extended\s+waits for an admin's retry-held-back\s+no MFA method/,
    );
    expect(text).not.toContain("Excluded (");
  });

  it("ends with each wave's last gate: verdict, decision, numbers and the reason", () => {
    expect(text).toContain("extended · health gate at 2026-02-05 08:00 +00:00: Fail → shrink");
    expect(text).toContain("wave 3.1% of 520 sign-ins · baseline 0.3% of 800 sign-ins");
    expect(text).toContain("holding back 4 users who fail on one app and platform");
  });
});

describe("gate numbers", () => {
  it.each([
    [
      "a health gate with bounds and a systemic call",
      {
        wave: { signIns: 238, rate: 0.101 },
        control: { signIns: 183, rate: 0.027 },
        excessVsControl: { estimate: 0.074, lower: 0.034, upper: 0.113 },
        systemic: true,
      },
      "wave 10.1% of 238 sign-ins · control 2.7% of 183 sign-ins · vs control 7.4% (3.4% to 11.3%) · systemic",
    ],
    [
      "a readiness gate",
      { users: 40, registered: 36, predictedFailureShare: 0.05, holdBackCandidates: 4 },
      "36 of 40 users registered for MFA · report-only predicts failures for 5% · 4 to hold back",
    ],
    [
      "anything else, by its scalars",
      { gate: "custom", checked: 12, nested: { a: 1 } },
      "gate custom · checked 12",
    ],
  ])("%s", (_name, metrics, expected) => {
    expect(gateMetricsLine(metrics)).toBe(expected);
  });

  it("leaves out the numbers line when a gate has none", () => {
    const lines = formatGate({
      wave: "pilot",
      gate: "readiness",
      evaluatedAt: "2026-01-08T08:00:00.000Z",
      verdict: "Pending",
      reasons: [],
      metrics: {},
    });
    expect(lines).toEqual(["pilot · readiness gate at 2026-01-08 08:00 UTC: Pending"]);
  });
});
