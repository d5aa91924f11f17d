import { notificationLines } from "../../../../local/rehearsal/notification-lines";
import { teamsWorkflowsPayload } from "../../../../shared/notify/webhook-payload";
import { timeFormat } from "../../../../shared/report/zoned-time";

describe("the rehearsal's lines for what its webhook receiver got", () => {
  it("reads each card back in the plan's zone: time, kind, title and summary", () => {
    const body = teamsWorkflowsPayload({
      id: "r/k",
      rolloutId: "seed-phased",
      kind: "pause",
      at: "2026-07-15T14:00:00.000Z",
      waveIndex: 0,
      summary: "health gate: systemic",
    });
    expect(notificationLines([{ path: "/hook", body }], timeFormat("Europe/London"))).toEqual([
      "  2026-07-15 15:00 +01:00  pause      Rollout paused: seed-phased — health gate: systemic",
    ]);
  });
});
