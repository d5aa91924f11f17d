import type { AppConfig } from "../config";
import type { GraphClientOptions } from "./client-factory";

/** Maps the app config onto the client factory's options (config.ts stays the only env reader). */
export function graphOptionsFromConfig(config: AppConfig): GraphClientOptions {
  return {
    baseUrl: config.graphBaseUrl,
    ...(config.graphStaticToken !== undefined ? { staticToken: config.graphStaticToken } : {}),
    ...(config.managedIdentityClientId !== undefined
      ? { managedIdentityClientId: config.managedIdentityClientId }
      : {}),
  };
}
