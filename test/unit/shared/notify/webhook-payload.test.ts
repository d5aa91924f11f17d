import type { NotificationEvent } from "../../../../shared/notify/notification-event";
import { slackPayload, teamsWorkflowsPayload } from "../../../../shared/notify/webhook-payload";

const shrink: NotificationEvent = {
  id: "mfa-q1/w2-health-1770400800000",
  rolloutId: "mfa-q1",
  kind: "shrink",
  at: "2026-02-06T20:00:00.000Z",
  waveIndex: 2,
  summary: "health gate, wave 3: holding back 4 users who fail on one app and platform",
};

describe("Teams Workflows payload", () => {
  it("is a message whose one attachment is an Adaptive Card with the title, summary and facts", () => {
    const payload = teamsWorkflowsPayload(shrink) as {
      type: string;
      attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[];
    };
    expect(payload.type).toBe("message");
    expect(payload.attachments).toHaveLength(1);
    const [attachment] = payload.attachments;
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment?.contentUrl).toBeNull();
    const card = attachment?.content as { type: string; version: string; body: Record<string, unknown>[] };
    expect(card.type).toBe("AdaptiveCard");
    expect(card.version).toBe("1.4");
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "Wave shrunk: users held back: mfa-q1" });
    expect(card.body[0]).not.toHaveProperty("color");
    expect(card.body[1]).toMatchObject({ type: "TextBlock", text: shrink.summary });
    expect(card.body[2]).toEqual({
      type: "FactSet",
      facts: [
        { title: "Rollout", value: "mfa-q1" },
        { title: "Event", value: "shrink" },
        { title: "At (UTC)", value: "2026-02-06T20:00:00.000Z" },
        { title: "Wave", value: "3" },
        { title: "Event id", value: shrink.id },
      ],
    });
  });

  it("marks the events that need someone now", () => {
    const card = teamsWorkflowsPayload({ ...shrink, kind: "pause" }) as {
      attachments: { content: { body: Record<string, unknown>[] } }[];
    };
    expect(card.attachments[0]?.content.body[0]).toMatchObject({
      color: "Attention",
      text: "Rollout paused: mfa-q1",
    });
  });
});

describe("Slack-compatible payload", () => {
  it("carries a text fallback and blocks, without a wave fact for rollout-wide events", () => {
    const { waveIndex: _w, ...completion } = {
      ...shrink,
      kind: "completion" as const,
      summary: "every wave is done",
    };
    const payload = slackPayload(completion) as {
      text: string;
      blocks: { type: string; fields?: unknown[] }[];
    };
    expect(payload.text).toBe("Rollout completed: mfa-q1: every wave is done");
    expect(payload.blocks.map((b) => b.type)).toEqual(["header", "section", "section"]);
    expect(JSON.stringify(payload.blocks[2]?.fields)).not.toContain("Wave:");
  });
});
