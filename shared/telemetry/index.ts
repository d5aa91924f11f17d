/**
 * shared/telemetry: the Azure Monitor distro. Only its start is exported here, so that the first
 * module the function app loads (functions/telemetry-setup.ts) loads nothing the distro would
 * have to patch after the fact; the rollout's own metrics are the use cases' (rollout-telemetry.ts).
 */
export { startAzureMonitor } from "./azure-monitor";
