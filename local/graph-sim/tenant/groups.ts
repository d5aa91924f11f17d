import type { Group } from "@microsoft/microsoft-graph-types";
import { SimGraphError } from "./tenant-port";
import { MembershipLog, type ChangeCounter, type UserIndex } from "./membership-log";

export interface SimGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly mailNickname: string;
  readonly mailEnabled: boolean;
  readonly securityEnabled: boolean;
  readonly isAssignableToRole: boolean;
  /** Dynamic-membership groups are computed by a rule: members cannot be added or removed. */
  readonly dynamic: boolean;
  readonly createdAt: number;
  readonly members: MembershipLog;
}

const ALREADY_EXISTS =
  "One or more added object references already exist for the following modified properties: 'members'.";

/** Groups and their timestamped membership; member ids are checked by the caller-supplied lookup. */
export class GroupStore {
  private readonly groups = new Map<string, SimGroup>();
  private readonly changes: ChangeCounter = { value: 0 };

  constructor(
    private readonly userExists: (id: string) => boolean,
    private readonly directory?: UserIndex,
  ) {}

  add(group: Omit<SimGroup, "members">): SimGroup {
    const stored: SimGroup = { ...group, members: new MembershipLog(this.directory, this.changes) };
    this.groups.set(group.id.toLowerCase(), stored);
    return stored;
  }

  get(id: string): SimGroup | undefined {
    // Policies name groups in lower case already: no new string per sign-in and group.
    return this.groups.get(id) ?? this.groups.get(id.toLowerCase());
  }

  /** The number of the last membership change in any group. */
  version(): number {
    return this.changes.value;
  }

  list(): readonly SimGroup[] {
    return [...this.groups.values()];
  }

  require(id: string): SimGroup {
    const group = this.get(id);
    if (!group) {
      throw new SimGraphError(
        404,
        "Request_ResourceNotFound",
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return group;
  }

  /** All or none, like members@odata.bind. */
  addMembers(groupId: string, userIds: readonly string[], at: number): void {
    const group = this.require(groupId);
    if (group.dynamic) {
      throw new SimGraphError(
        400,
        "Request_BadRequest",
        "Insufficient privileges to complete the operation: members of a group with dynamic membership cannot be changed.",
      );
    }
    const normalised = userIds.map((id) => id.toLowerCase());
    for (const id of normalised) {
      if (!this.userExists(id)) {
        throw new SimGraphError(
          404,
          "Request_ResourceNotFound",
          `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
        );
      }
    }
    if (normalised.some((id) => group.members.has(id)) || new Set(normalised).size !== normalised.length) {
      throw new SimGraphError(400, "Request_BadRequest", ALREADY_EXISTS);
    }
    for (const id of normalised) group.members.add(id, at);
  }

  removeMember(groupId: string, userId: string, at: number): void {
    const group = this.require(groupId);
    const id = userId.toLowerCase();
    if (!group.members.has(id)) {
      throw new SimGraphError(
        404,
        "Request_ResourceNotFound",
        `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    if (group.dynamic) {
      throw new SimGraphError(
        400,
        "Request_BadRequest",
        "Members of a dynamic-membership group cannot be removed.",
      );
    }
    group.members.remove(id, at);
  }

  /** A deleted user leaves every group (stamped, so earlier membership stays answerable). */
  removeEverywhere(userId: string, at: number): void {
    for (const group of this.groups.values()) group.members.remove(userId.toLowerCase(), at);
  }
}

export function toGraphGroup(g: SimGroup): Group {
  return {
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mailNickname: g.mailNickname,
    mailEnabled: g.mailEnabled,
    securityEnabled: g.securityEnabled,
    isAssignableToRole: g.isAssignableToRole,
    groupTypes: g.dynamic ? ["DynamicMembership"] : [],
    membershipRule: g.dynamic ? "(user.department -ne null)" : null,
    membershipRuleProcessingState: g.dynamic ? "On" : null,
    createdDateTime: new Date(g.createdAt).toISOString(),
  };
}

/** POST /groups input rules. */
export function validateNewGroup(input: Group): Omit<SimGroup, "id" | "createdAt" | "members"> {
  const bad = (message: string) => new SimGraphError(400, "Request_BadRequest", message);
  if (typeof input !== "object" || input === null) throw bad("The request body must be a group object.");
  if (typeof input.displayName !== "string" || !input.displayName.trim()) {
    throw bad("Invalid value specified for property 'displayName' of resource 'Group'.");
  }
  if (typeof input.mailNickname !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(input.mailNickname)) {
    throw bad("Invalid value specified for property 'mailNickname' of resource 'Group'.");
  }
  // Graph's property is securityEnabled; an earlier reading of the docs said securityGroup, so both are accepted.
  const securityEnabled = input.securityEnabled ?? (input as { securityGroup?: unknown }).securityGroup;
  if (typeof input.mailEnabled !== "boolean" || typeof securityEnabled !== "boolean") {
    throw bad("Properties 'mailEnabled' and 'securityEnabled' are required.");
  }
  const unified = (input.groupTypes ?? []).includes("Unified");
  if (input.mailEnabled && !unified) {
    throw bad("Mail-enabled security groups cannot be created through Microsoft Graph.");
  }
  const dynamic = (input.groupTypes ?? []).includes("DynamicMembership");
  if (dynamic && !input.membershipRule) throw bad("A dynamic-membership group needs a membershipRule.");
  return {
    displayName: input.displayName,
    description: input.description ?? "",
    mailNickname: input.mailNickname,
    mailEnabled: input.mailEnabled,
    securityEnabled,
    isAssignableToRole: input.isAssignableToRole === true,
    dynamic,
  };
}
