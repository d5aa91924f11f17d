/** Public surface of the Microsoft Graph simulator (see README.md). */
export { startGraphSimulator } from "./server/simulator";
export type { GraphSimulator, GraphSimulatorOptions } from "./server/simulator";
export type { ScenarioInput } from "./server/load-tenant";
export type { SimCounters } from "./server/counters";
export type { FaultConfig, FaultRule } from "./server/faults";
export type { ThrottlingConfig, ThrottlingOptions } from "./server/throttling";
export { defaultThrottling, SIM_APP_ID, SIM_TENANT_ID } from "./server/throttling";
export { MAX_BATCH_REQUESTS } from "./server/batch";
export { MAX_MEMBERS_PER_PATCH } from "./server/routes/groups";
export type { SimKnob, SimTenant, SimTenantSnapshot } from "./tenant/tenant-port";
