import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { postWebhook } from "../../../../shared/notify/post-webhook";
import { resolveWebhookTarget, webhookHost } from "../../../../shared/notify/webhook-target";

const SECRET_URL =
  "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=S3cr3tSig";

describe("where notifications go", () => {
  it("reads the default setting, Teams format unless told otherwise", () => {
    const target = resolveWebhookTarget(undefined, { NOTIFY_WEBHOOK_URL: SECRET_URL });
    expect(target).toMatchObject({ kind: "webhook", setting: "NOTIFY_WEBHOOK_URL", format: "teams" });
  });

  it("reads the setting a plan names, in the plan's format", () => {
    const target = resolveWebhookTarget(
      { webhookSetting: "OPS_SLACK_HOOK", format: "slack" },
      { NOTIFY_WEBHOOK_URL: SECRET_URL, OPS_SLACK_HOOK: "https://hooks.slack.com/services/T0/B0/xyz" },
    );
    expect(target).toMatchObject({ kind: "webhook", setting: "OPS_SLACK_HOOK", format: "slack" });
  });

  it("sends nothing when the setting is unset or empty", () => {
    expect(resolveWebhookTarget(undefined, {})).toEqual({ kind: "none", setting: "NOTIFY_WEBHOOK_URL" });
    expect(resolveWebhookTarget(undefined, { NOTIFY_WEBHOOK_URL: "" }).kind).toBe("none");
  });

  it("refuses plain http off loopback and a value that is no URL, without quoting the value", () => {
    const http = resolveWebhookTarget(undefined, {
      NOTIFY_WEBHOOK_URL: "http://example.com/hook?sig=S3cr3tSig",
    });
    expect(http).toMatchObject({ kind: "invalid" });
    const garbled = resolveWebhookTarget(undefined, { NOTIFY_WEBHOOK_URL: "S3cr3tSig not a url" });
    expect(garbled).toMatchObject({ kind: "invalid" });
    expect(JSON.stringify([http, garbled])).not.toContain("S3cr3tSig");
    expect(resolveWebhookTarget(undefined, { NOTIFY_WEBHOOK_URL: "http://127.0.0.1:9/hook" }).kind).toBe(
      "webhook",
    );
  });

  it("logs the host only, never the path or the signature", () => {
    expect(webhookHost(new URL(SECRET_URL))).toBe("prod-12.westeurope.logic.azure.com");
  });
});

describe("posting", () => {
  it("describes a refused connection and an HTTP failure without the URL", async () => {
    const server = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const up = new URL(`http://127.0.0.1:${port}/hook?sig=S3cr3tSig`);
    const failed = await postWebhook(up, { text: "x" });
    expect(failed).toEqual({ ok: false, permanent: false, error: "HTTP 503" });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const down = await postWebhook(up, { text: "x" });
    expect(down).toEqual({ ok: false, permanent: false, error: "network error ECONNREFUSED" });
  });

  it("treats a 4xx other than 408/429 as permanent", async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await postWebhook(new URL(`http://127.0.0.1:${port}/gone`), {})).toEqual({
        ok: false,
        permanent: true,
        error: "HTTP 404",
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
