/** Public surface of the Microsoft Graph gateway (see README.md). */
export { createGraphGateway, GraphGateway, type GraphGatewayOptions } from "./gateway";
export { createGraphClient, GRAPH_SCOPE, type GraphClientOptions } from "./client-factory";
export { graphOptionsFromConfig } from "./graph-options";
export { GraphHttp, type GraphHttpOptions } from "./graph-http";
export { sdkTransport, type GraphTransport } from "./transport";
export { GraphRequestError, GraphRetriesExhaustedError } from "./errors";
export { GraphTransportError } from "./transport";
export { DEFAULT_RETRY_POLICY, seededRandom, type RetryPolicy } from "./retry-policy";
export { realSleep, type Sleep } from "./sleep";
export type { GraphRequestCounts } from "./request-counters";
export type { AddMembersResult, RemoveMembersResult, MembershipOptions } from "./membership";
export { MAX_MEMBERS_PER_PATCH } from "./membership";
export { MAX_BATCH_ITEMS } from "./batch";
export type { EnsuredGroup, EnsureGroupOptions } from "./groups";
export type { EnsuredPolicy, ExclusionUpdate } from "./policies";
export {
  enforcedPolicy,
  reportOnlyPolicy,
  requireMfaControls,
  controlsFromPolicy,
  type PolicyControls,
  type Population,
  type RolloutPolicyInput,
} from "./policy-template";
export { policyFingerprint } from "./policy-fingerprint";
export { PREFER_UNKNOWN_ENUMS, type StreamSignInsInput, type StreamSignInsResult } from "./sign-ins";
export type { UserSummary } from "./users";
export type { GroupProtection } from "./directory-facts";
export { NIL_GUID, PERMISSION_PROBES, type PermissionProbeAnswer } from "./permission-probes";
export {
  FORBIDDEN_GRAPH_PERMISSIONS,
  GRAPH_OPERATION_PERMISSIONS,
  REQUIRED_GRAPH_PERMISSIONS,
  type GraphApplicationPermission,
  type GraphGatewayOperation,
} from "./permissions";
export { memoryPacingState, type PacingState, type PolicyPacing } from "./policy-pacing";
export type { MemberChange, MemberDeltaResult } from "./group-delta";
