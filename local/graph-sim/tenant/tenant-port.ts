import type {
  AdministrativeUnit,
  ConditionalAccessPolicy,
  Group,
  SubscribedSku,
  SignIn,
  User,
  UserRegistrationDetails,
} from "@microsoft/microsoft-graph-types";

/**
 * The seam between the simulator's HTTP layer (server/) and its tenant model (tenant/).
 * The server parses OData, pages, batches, throttles and formats Graph errors; the tenant owns
 * state, its timestamped history, Conditional Access evaluation and sign-in generation.
 * Every method is synchronous and cheap except the sign-in iterator, which is lazy.
 */
export interface SimTenant {
  /** Directory objects */
  listUsers(): readonly User[];
  getUser(id: string): User | undefined;
  /** Resolves an id or a userPrincipalName. */
  findUser(idOrUpn: string): User | undefined;

  createGroup(input: Group): Group;
  getGroup(id: string): Group | undefined;
  listGroups(): readonly Group[];
  /** Member ids in insertion order. */
  listMemberIds(groupId: string): readonly string[];
  /**
   * Membership changes are numbered across the tenant; this is the last one's number (what a
   * groups/delta token remembers). Optional, like the directory facts below: without it
   * groups/delta answers 501.
   */
  membershipVersion?(): number;
  /** Each id whose membership of the group changed after change `version`, and whether it is a member now. */
  memberChangesSince?(groupId: string, version: number): readonly { id: string; member: boolean }[];
  /**
   * Adds all or none (Graph's rule for members@odata.bind): throws SimGraphError 404 for an unknown
   * object, 400 with Graph's "already exist" message when any is already a member, 400 for a
   * dynamic-membership group.
   */
  addMembers(groupId: string, objectIds: readonly string[]): void;
  /** Throws SimGraphError 404 when the object is not a member. */
  removeMember(groupId: string, objectId: string): void;

  /** Conditional Access */
  listPolicies(): readonly ConditionalAccessPolicy[];
  getPolicy(id: string): ConditionalAccessPolicy | undefined;
  /** Validates like Graph (400 with a message) and enforces the 195-policy limit. */
  createPolicy(input: ConditionalAccessPolicy): ConditionalAccessPolicy;
  patchPolicy(id: string, patch: ConditionalAccessPolicy): void;
  deletePolicy(id: string): void;

  /** Reports */
  registrationDetails(): readonly UserRegistrationDetails[];
  /**
   * One page of registrationDetails() in the same order, with the total: computing a user's
   * details costs a scan of their sign-ins, so a page must not cost the whole tenant.
   */
  registrationDetailsPage(offset: number, limit: number): { items: UserRegistrationDetails[]; total: number };
  /**
   * Sign-ins with createdDateTime in [from, to] (to clamped to the clock), newest first, ordered by
   * (createdDateTime desc, id desc), generated lazily and deterministically from the seed; each is
   * evaluated against the policy and membership state at its own timestamp. `after` resumes
   * strictly after a previously returned sign-in (a paging cursor). `userIds` narrows generation
   * (the server still applies the remaining $filter predicates).
   */
  signIns(query: SignInQuery): Iterable<SignIn>;

  /**
   * Directory facts the preflight reads. Optional so small test doubles need not model them:
   * the routes then answer an E5 tenant without administrative units, every permission granted.
   */
  subscribedSkus?(): readonly SubscribedSku[];
  getAdministrativeUnit?(id: string): AdministrativeUnit | undefined;
  /** Administrative units the object (a group or user id) is a member of. */
  administrativeUnitsOf?(objectId: string): readonly AdministrativeUnit[];
  /** The app holds a Groups Administrator role scoped to this administrative unit. */
  appIsScopedGroupsAdministrator?(administrativeUnitId: string): boolean;
  /** The app's Graph application permissions; undefined means all of them. */
  grantedPermissions?(): ReadonlySet<string> | undefined;

  /** Control surface for tests and the rehearsal (/_sim/...). */
  state(): SimTenantSnapshot;
  /** Applies a knob change, e.g. {kind: "register", userId} or {kind: "fault", ...}; see tenant README. */
  applyKnob(knob: SimKnob): void;
}

export interface SignInQuery {
  from: Date;
  to: Date;
  userIds?: ReadonlySet<string>;
  after?: { createdDateTime: string; id: string };
}

export interface SimTenantSnapshot {
  users: number;
  groups: { id: string; displayName: string; members: number }[];
  policies: { id: string; displayName: string; state: string }[];
  registeredUsers: number;
}

export type SimKnob =
  | { kind: "register"; userId: string; method?: string }
  | { kind: "unregister"; userId: string }
  | { kind: "deleteUser"; userId: string }
  | { kind: "mfaOutage"; from: string; to: string }
  | { kind: "breakApp"; appId: string; platform: string; userIds: string[] }
  | { kind: "signInsPerUserPerDay"; value: number };

/** A Graph-shaped error the server turns into `{error: {code, message, innerError}}`. */
export class SimGraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SimGraphError";
  }
}
