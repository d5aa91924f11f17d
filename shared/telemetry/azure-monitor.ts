import type * as AzureMonitor from "@azure/monitor-opentelemetry";
import { appSetting } from "../config";

export const APP_INSIGHTS_SETTING = "APPLICATIONINSIGHTS_CONNECTION_STRING";

/**
 * Turns on the Azure Monitor OpenTelemetry distro only when App Insights is configured, so tests
 * and the rehearsal export nothing and open no connection. Loaded lazily: the distro patches
 * modules as it loads, which nothing else should pay for.
 */
export function startAzureMonitor(env: NodeJS.ProcessEnv = process.env): boolean {
  const connectionString = appSetting(APP_INSIGHTS_SETTING, env);
  if (connectionString === undefined) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const distro = require("@azure/monitor-opentelemetry") as typeof AzureMonitor;
  distro.useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
  return true;
}
