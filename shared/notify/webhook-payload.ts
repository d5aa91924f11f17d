import { needsAttention, notificationTitle, type NotificationEvent } from "./notification-event";

export const WEBHOOK_FORMATS = ["teams", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Facts shown on every card: plain strings, nothing that could carry a secret. */
function facts(event: NotificationEvent): { title: string; value: string }[] {
  const rows = [
    { title: "Rollout", value: event.rolloutId },
    { title: "Event", value: event.kind },
    { title: "At (UTC)", value: event.at },
  ];
  if (event.waveIndex !== undefined) rows.push({ title: "Wave", value: String(event.waveIndex + 1) });
  rows.push({ title: "Event id", value: event.id });
  return rows;
}

/**
 * The message a Teams Workflows webhook ("Post to a channel when a webhook request is received")
 * accepts: a `message` whose first attachment is an Adaptive Card. Shape from Microsoft Learn,
 * "Send Adaptive Cards using an Incoming Webhook"
 * (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook#send-adaptive-cards-using-an-incoming-webhook)
 * and the Workflows trigger in the Teams connector reference
 * (https://learn.microsoft.com/connectors/teams/#microsoft-teams-webhook). Workflows render
 * Adaptive Cards up to 1.4, so the card stays at that version.
 */
export function teamsWorkflowsPayload(event: NotificationEvent): Record<string, unknown> {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              size: "Medium",
              weight: "Bolder",
              wrap: true,
              text: notificationTitle(event),
              ...(needsAttention(event.kind) ? { color: "Attention" } : {}),
            },
            { type: "TextBlock", wrap: true, text: event.summary },
            { type: "FactSet", facts: facts(event) },
          ],
        },
      },
    ],
  };
}

/** Slack's incoming-webhook JSON (`text` as the fallback, `blocks` for the layout); Mattermost and others accept it. */
export function slackPayload(event: NotificationEvent): Record<string, unknown> {
  const title = notificationTitle(event);
  return {
    text: `${title}: ${event.summary}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: title } },
      { type: "section", text: { type: "plain_text", text: event.summary } },
      {
        type: "section",
        fields: facts(event).map((f) => ({ type: "plain_text", text: `${f.title}: ${f.value}` })),
      },
    ],
  };
}

export function webhookPayload(format: WebhookFormat, event: NotificationEvent): Record<string, unknown> {
  return format === "teams" ? teamsWorkflowsPayload(event) : slackPayload(event);
}
