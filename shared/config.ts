import { z } from "zod";

/**
 * The one place that reads environment variables. Everything else receives a typed config,
 * so tests pass values explicitly and a missing setting fails at start-up, not mid-rollout.
 */
const ConfigSchema = z.object({
  /** Graph base URL; the simulator's loopback URL locally, Microsoft Graph in Azure. */
  graphBaseUrl: z.url().default("https://graph.microsoft.com/v1.0"),
  /** Only for the local simulator: a static bearer token instead of a managed identity. */
  graphStaticToken: z.string().min(1).optional(),
  /** Client id of the user-assigned managed identity used for Graph and Storage in Azure. */
  managedIdentityClientId: z.string().min(1).optional(),
  /** Table Storage: a connection string (Azurite) or an account endpoint (managed identity). */
  tablesConnectionString: z.string().min(1).optional(),
  tablesEndpoint: z.url().optional(),
  /** Prefix for the status tables, so several deployments can share one account. */
  tablePrefix: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, "must start with a letter, then up to 20 letters or digits")
    .default(""),
});

export type AppConfig = z.infer<typeof ConfigSchema>;

/** The environment variable behind each setting (also checked against infra/ by a contract test). */
export const CONFIG_ENV = {
  graphBaseUrl: "GRAPH_BASE_URL",
  graphStaticToken: "GRAPH_STATIC_TOKEN",
  managedIdentityClientId: "AZURE_CLIENT_ID",
  tablesConnectionString: "STATUS_TABLES_CONNECTION_STRING",
  tablesEndpoint: "STATUS_TABLES_ENDPOINT",
  tablePrefix: "STATUS_TABLE_PREFIX",
} as const satisfies Record<keyof AppConfig, string>;

export type ConfigEnvName = (typeof CONFIG_ENV)[keyof typeof CONFIG_ENV];

/**
 * Settings that carry a secret and exist only for running on one machine (simulator token,
 * Azurite connection string). infra/ must never set them: in Azure the managed identity is the
 * only credential. A contract test holds infra/ to this list.
 */
export const LOCAL_ONLY_SETTINGS = [
  CONFIG_ENV.graphStaticToken,
  CONFIG_ENV.tablesConnectionString,
] as const satisfies readonly ConfigEnvName[];

/** Every setting the deployed app reads (infra/ sets each one; a contract test checks it). */
export const DEPLOYED_SETTINGS: readonly ConfigEnvName[] = Object.values(CONFIG_ENV).filter(
  (name) => !(LOCAL_ONLY_SETTINGS as readonly string[]).includes(name),
);

/** Raised for a missing or invalid setting; `variables` names the environment variables at fault. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variables: readonly string[],
  ) {
    super(`Invalid configuration: ${message}`);
    this.name = "ConfigError";
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string | undefined> = {};
  for (const [key, name] of Object.entries(CONFIG_ENV)) {
    const value = env[name];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const names = parsed.error.issues.map(
      (i) => CONFIG_ENV[i.path[0] as keyof AppConfig] ?? i.path.join("."),
    );
    const problems = parsed.error.issues.map((i, n) => `${names[n]}: ${i.message}`);
    throw new ConfigError(problems.join("; "), names);
  }
  const config = parsed.data;
  if (!config.tablesConnectionString && !config.tablesEndpoint) {
    throw new ConfigError(
      `set ${CONFIG_ENV.tablesConnectionString} (local) or ${CONFIG_ENV.tablesEndpoint} (Azure)`,
      [CONFIG_ENV.tablesConnectionString, CONFIG_ENV.tablesEndpoint],
    );
  }
  if (!config.graphStaticToken && !config.managedIdentityClientId) {
    throw new ConfigError(
      `set ${CONFIG_ENV.graphStaticToken} (local simulator) or ${CONFIG_ENV.managedIdentityClientId} (Azure managed identity)`,
      [CONFIG_ENV.graphStaticToken, CONFIG_ENV.managedIdentityClientId],
    );
  }
  // A static token is a simulator convenience; sending it to a real Graph endpoint would mean a
  // long-lived secret in app settings, which is exactly what the managed identity avoids.
  if (config.graphStaticToken && !LOOPBACK_HOSTS.has(new URL(config.graphBaseUrl).hostname)) {
    throw new ConfigError(
      `${CONFIG_ENV.graphStaticToken} is local-only: it needs a loopback ${CONFIG_ENV.graphBaseUrl} (got ${new URL(config.graphBaseUrl).host})`,
      [CONFIG_ENV.graphStaticToken, CONFIG_ENV.graphBaseUrl],
    );
  }
  return config;
}

/**
 * Notification settings live outside AppConfig: a plan may name its own webhook setting, so the
 * name is only known per rollout. The URL carries its secret (a Workflows `sig`, a Slack token)
 * and is read here, at send time, never copied into a plan, the audit or a log.
 */
export const NOTIFY_ENV = {
  /** The default incoming-webhook URL (in Azure: a Key Vault reference). Unset: no notifications. */
  webhookUrl: "NOTIFY_WEBHOOK_URL",
  /** `teams` (Workflows Adaptive Card, the default) or `slack` (Slack-compatible JSON). */
  webhookFormat: "NOTIFY_WEBHOOK_FORMAT",
} as const;

/** An app setting by name, or undefined when unset or empty. */
export function appSetting(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
