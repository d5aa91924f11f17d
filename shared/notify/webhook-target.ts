import { appSetting, isLoopbackHost, NOTIFY_ENV } from "../config";
import { WEBHOOK_FORMATS, type WebhookFormat } from "./webhook-payload";

/** The plan's `notifications` block: it names a setting, it never holds the URL. */
export interface PlanNotifications {
  webhookSetting?: string;
  format?: WebhookFormat;
}

export type WebhookTarget =
  | { kind: "none"; setting: string }
  | { kind: "invalid"; setting: string; problem: string }
  | { kind: "webhook"; setting: string; url: URL; format: WebhookFormat };

/**
 * Where a rollout's notifications go. The URL is read from the app setting at send time, so a
 * rotated secret (a new Key Vault version) is picked up without touching stored rollouts.
 */
export function resolveWebhookTarget(
  plan: PlanNotifications | undefined,
  env: NodeJS.ProcessEnv = process.env,
): WebhookTarget {
  const setting = plan?.webhookSetting ?? NOTIFY_ENV.webhookUrl;
  const raw = appSetting(setting, env);
  if (raw === undefined) return { kind: "none", setting };
  const formatSetting = appSetting(NOTIFY_ENV.webhookFormat, env);
  const format = plan?.format ?? formatSetting ?? "teams";
  if (!(WEBHOOK_FORMATS as readonly string[]).includes(format)) {
    return { kind: "invalid", setting, problem: `${NOTIFY_ENV.webhookFormat} must be teams or slack` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value itself is not quoted: it is (or is meant to be) a secret.
    return { kind: "invalid", setting, problem: `app setting ${setting} is not a URL` };
  }
  // Plain http would send the URL's secret in the clear; only a loopback receiver may use it.
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return { kind: "invalid", setting, problem: `app setting ${setting} must be an https URL` };
  }
  return { kind: "webhook", setting, url, format: format as WebhookFormat };
}

/** What may be logged or audited about a webhook: its host, never the path or query that hold the secret. */
export function webhookHost(url: URL): string {
  return url.host;
}
