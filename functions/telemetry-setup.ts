import { startAzureMonitor } from "../shared/telemetry/azure-monitor";

// First import of the entry point: the distro must patch modules before anything else loads them.
startAzureMonitor();
