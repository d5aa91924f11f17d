import { createHash } from "node:crypto";
import type {
  ConditionalAccessPolicy,
  SignIn,
  SubscribedSku,
  UserRegistrationDetails,
} from "@microsoft/microsoft-graph-types";
import { createGraphClient, type GraphClientOptions } from "./client-factory";
import {
  findGroupIdsByName,
  getGroupProtection,
  listSubscribedSkus,
  type GroupProtection,
} from "./directory-facts";
import { GraphHttp, type GraphHttpOptions } from "./graph-http";
import { groupMembersDelta, type MemberChange, type MemberDeltaResult } from "./group-delta";
import { ensureGroup, type EnsuredGroup, type EnsureGroupOptions } from "./groups";
import {
  addMembers,
  listGroupMemberIds,
  removeMembers,
  type AddMembersResult,
  type MembershipOptions,
  type RemoveMembersResult,
} from "./membership";
import type { GraphApplicationPermission, GraphGatewayOperation } from "./permissions";
import { probePermissions, type PermissionProbeAnswer } from "./permission-probes";
import {
  ensurePolicy,
  getPolicies,
  getPolicy,
  updatePolicyExclusions,
  type EnsuredPolicy,
  type ExclusionUpdate,
} from "./policies";
import { controlsFromPolicy, type PolicyControls } from "./policy-template";
import { streamRegistrationDetails } from "./registration-details";
import type { GraphRequestCounts } from "./request-counters";
import { streamSignIns, type StreamSignInsInput, type StreamSignInsResult } from "./sign-ins";
import { sdkTransport, type GraphTransport } from "./transport";
import { getUsers, type UserSummary } from "./users";

export type GraphGatewayOptions = GraphHttpOptions & { membership?: MembershipOptions };

/**
 * The one Microsoft Graph gateway. Each method is idempotent, takes and returns small values
 * (ids, counts) and streams anything large through callbacks. Every method name is a key of
 * GRAPH_OPERATION_PERMISSIONS (a unit test holds the two together).
 */
export class GraphGateway implements Record<GraphGatewayOperation, (...args: never[]) => Promise<unknown>> {
  readonly http: GraphHttp;
  private readonly transport: GraphTransport;

  constructor(
    transport: GraphTransport,
    private readonly options: GraphGatewayOptions = {},
    http?: GraphHttp,
  ) {
    this.transport = transport;
    this.http = http ?? new GraphHttp(transport, options);
  }

  /**
   * This gateway for one piece of work that a crash may run again (an activity), named by a key
   * that is the same on every run: see GraphHttp.withPacingScope. Counts are shared.
   */
  paced(key: string): GraphGateway {
    return new GraphGateway(this.transport, this.options, this.http.withPacingScope(key));
  }

  /** Requests made so far (a copy). */
  counts(): GraphRequestCounts {
    return { ...this.http.counts };
  }

  ensureGroup(
    displayName: string,
    description: string,
    options: EnsureGroupOptions = {},
  ): Promise<EnsuredGroup> {
    return ensureGroup(this.http, displayName, description, options);
  }

  addMembers(groupId: string, userIds: Iterable<string>): Promise<AddMembersResult> {
    return addMembers(this.http, groupId, userIds, this.options.membership);
  }

  removeMembers(groupId: string, userIds: Iterable<string>): Promise<RemoveMembersResult> {
    return removeMembers(this.http, groupId, userIds);
  }

  listGroupMemberIds(
    groupId: string,
    onPage: (ids: string[]) => void | Promise<void>,
  ): Promise<{ pages: number; members: number }> {
    return listGroupMemberIds(this.http, groupId, onPage);
  }

  /** One groups/delta round over these groups' memberships; see groupMembersDelta. */
  groupMembersDelta(input: {
    groupIds: readonly string[];
    deltaLink?: string;
    onMembers: (groupId: string, changes: MemberChange[]) => void | Promise<void>;
  }): Promise<MemberDeltaResult> {
    return groupMembersDelta(this.http, input);
  }

  getPolicy(policyId: string): Promise<ConditionalAccessPolicy | undefined> {
    return getPolicy(this.http, policyId);
  }

  /** Several policies in one list call, keyed by lower-cased id; a missing id was deleted. */
  getPolicies(policyIds: readonly string[]): Promise<Map<string, ConditionalAccessPolicy>> {
    return getPolicies(this.http, policyIds);
  }

  /** The controls (conditions except users, grant and session controls) of an existing policy. */
  async policyControlsFrom(policyId: string): Promise<PolicyControls> {
    const policy = await getPolicy(this.http, policyId);
    if (!policy) throw new Error(`Conditional Access policy ${policyId} not found`);
    return controlsFromPolicy(policy);
  }

  ensurePolicy(
    definition: ConditionalAccessPolicy,
    options: { storedId?: string } = {},
  ): Promise<EnsuredPolicy> {
    return ensurePolicy(this.http, definition, options);
  }

  updatePolicyExclusions(policyId: string, update: ExclusionUpdate): Promise<{ changed: boolean }> {
    return updatePolicyExclusions(this.http, policyId, update);
  }

  streamSignIns(
    input: Omit<StreamSignInsInput, "onPage"> & { onPage: (s: SignIn[]) => void | Promise<void> },
  ): Promise<StreamSignInsResult> {
    const what = () =>
      `signIns|${input.from.toISOString()}|${input.to.toISOString()}|${idsDigest(input.userIds)}`;
    return streamSignIns(readScope(this.http, this.options, what), input);
  }

  streamRegistrationDetails(input: {
    userIds?: ReadonlySet<string>;
    onPage: (details: UserRegistrationDetails[]) => void | Promise<void>;
  }): Promise<{ pages: number; users: number }> {
    const what = () => `registration|${idsDigest(input.userIds)}`;
    return streamRegistrationDetails(readScope(this.http, this.options, what), input);
  }

  getUsers(userIds: Iterable<string>): Promise<{ found: UserSummary[]; missing: string[] }> {
    return getUsers(this.http, userIds);
  }

  /** Preflight: is each group role-assignable or in a restricted-management administrative unit? */
  getGroupProtection(groupIds: Iterable<string>): Promise<GroupProtection[]> {
    return getGroupProtection(this.http, groupIds);
  }

  /** Preflight, before setup: the ids of the groups with each exact displayName (read-only). */
  findGroupIdsByName(displayNames: readonly string[]): Promise<Map<string, string[]>> {
    return findGroupIdsByName(this.http, displayNames);
  }

  /** Preflight: the tenant's subscriptions and their service plans (licence check). */
  listSubscribedSkus(): Promise<SubscribedSku[]> {
    return listSubscribedSkus(this.http);
  }

  /** Preflight: one call per permission that cannot change anything; 403 means not granted. */
  probePermissions(permissions: readonly GraphApplicationPermission[]): Promise<PermissionProbeAnswer[]> {
    return probePermissions(this.http, permissions);
  }
}

/**
 * A report read is named by what it reads when its caller gave no pacing key: an activity run
 * again after a crash reads the same window for the same users, so it finds its first run's
 * slots (see GraphHttp.withPacingScope) without every activity naming itself.
 */
function readScope(http: GraphHttp, options: GraphGatewayOptions, what: () => string): GraphHttp {
  return http.scoped || !options.pacing ? http : http.withPacingScope(what());
}

/** A short name for a set of user ids, the same whatever their order or case. */
function idsDigest(ids: ReadonlySet<string> | undefined): string {
  if (!ids) return "all";
  const hash = createHash("sha256");
  for (const id of [...ids].map((i) => i.toLowerCase()).sort()) hash.update(id);
  return `${ids.size}-${hash.digest("base64url").slice(0, 16)}`;
}

/** The gateway over the real Graph SDK client (managed identity in Azure, static token locally). */
export function createGraphGateway(
  client: GraphClientOptions,
  options: GraphGatewayOptions = {},
): GraphGateway {
  const { client: sdk, serviceRoot } = createGraphClient(client);
  return new GraphGateway(sdkTransport(sdk, serviceRoot), options);
}
