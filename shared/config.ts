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
    .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/)
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string | undefined> = {};
  for (const [key, name] of Object.entries(CONFIG_ENV)) {
    const value = env[name];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${CONFIG_ENV[i.path[0] as keyof AppConfig] ?? i.path.join(".")}: ${i.message}`,
    );
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  const config = parsed.data;
  if (!config.tablesConnectionString && !config.tablesEndpoint) {
    throw new Error(
      `Invalid configuration: set ${CONFIG_ENV.tablesConnectionString} (local) or ${CONFIG_ENV.tablesEndpoint} (Azure)`,
    );
  }
  return config;
}
