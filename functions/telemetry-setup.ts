import { startAzureMonitor } from "#shared/telemetry";

// First import of the entry point: the distro must patch modules before anything else loads them.
startAzureMonitor();
