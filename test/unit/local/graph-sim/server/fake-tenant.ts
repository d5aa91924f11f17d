import type {
  ConditionalAccessPolicy,
  Group,
  SignIn,
  User,
  UserRegistrationDetails,
} from "@microsoft/microsoft-graph-types";
import type { Clock } from "../../../../../local/clock";
import {
  SimGraphError,
  type SignInQuery,
  type SimKnob,
  type SimTenant,
  type SimTenantSnapshot,
} from "../../../../../local/graph-sim/tenant/tenant-port";

/**
 * A small, fully predictable SimTenant double for the HTTP layer's tests: users u0..uN-1, a few
 * sign-ins per user at fixed offsets from the clock, registration details with every third user
 * registered. Behaviour that belongs to the tenant model (CA evaluation) is only stubbed.
 */
export const guid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
export const REPORT_ONLY_POLICY_ID = "11111111-1111-4111-8111-111111111111";
export const APP_ID = "de8bc8b5-d9f9-48b1-a8ad-b748da725064";
const ALREADY_EXISTS =
  "One or more added object references already exist for the following modified properties: 'members'.";

export interface FakeTenantOptions {
  users?: number;
  signInsPerUser?: number;
  clock: Clock;
}

export class FakeTenant implements SimTenant {
  readonly users: User[];
  readonly groups = new Map<string, { group: Group; members: string[] }>();
  readonly policies = new Map<string, ConditionalAccessPolicy>();
  readonly registered = new Set<string>();
  private nextId = 1000;
  signInsPerUser: number;

  constructor(private readonly options: FakeTenantOptions) {
    this.signInsPerUser = options.signInsPerUser ?? 3;
    this.users = Array.from({ length: options.users ?? 30 }, (_, i) => ({
      id: guid(i + 1),
      displayName: `User ${i}`,
      userPrincipalName: `user${i}@contoso.test`,
      accountEnabled: i % 10 !== 9,
      userType: "Member",
      mail: `user${i}@contoso.test`,
    }));
    this.users.forEach((u, i) => {
      if (i % 3 === 0) this.registered.add(u.id ?? "");
    });
  }

  private newId(): string {
    return guid(this.nextId++);
  }

  listUsers(): readonly User[] {
    return this.users;
  }
  getUser(id: string): User | undefined {
    return this.users.find((u) => u.id === id);
  }
  findUser(idOrUpn: string): User | undefined {
    const key = idOrUpn.toLowerCase();
    return this.users.find((u) => u.id === key || u.userPrincipalName?.toLowerCase() === key);
  }

  createGroup(input: Group): Group {
    const group: Group = { ...input, id: this.newId(), groupTypes: input.groupTypes ?? [] };
    this.groups.set(group.id ?? "", { group, members: [] });
    return group;
  }
  getGroup(id: string): Group | undefined {
    return this.groups.get(id)?.group;
  }
  listGroups(): readonly Group[] {
    return [...this.groups.values()].map((g) => g.group);
  }
  listMemberIds(groupId: string): readonly string[] {
    return this.groups.get(groupId)?.members ?? [];
  }
  addMembers(groupId: string, objectIds: readonly string[]): void {
    const entry = this.groups.get(groupId);
    if (!entry)
      throw new SimGraphError(404, "Request_ResourceNotFound", `Resource '${groupId}' does not exist.`);
    for (const id of objectIds) {
      if (!this.getUser(id))
        throw new SimGraphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist.`);
    }
    if (objectIds.some((id) => entry.members.includes(id)) || new Set(objectIds).size !== objectIds.length) {
      throw new SimGraphError(400, "Request_BadRequest", ALREADY_EXISTS);
    }
    entry.members.push(...objectIds);
  }
  removeMember(groupId: string, objectId: string): void {
    const entry = this.groups.get(groupId);
    const index = entry?.members.indexOf(objectId) ?? -1;
    if (!entry || index < 0) {
      throw new SimGraphError(404, "Request_ResourceNotFound", `Resource '${objectId}' does not exist.`);
    }
    entry.members.splice(index, 1);
  }

  listPolicies(): readonly ConditionalAccessPolicy[] {
    return [...this.policies.values()];
  }
  getPolicy(id: string): ConditionalAccessPolicy | undefined {
    return this.policies.get(id);
  }
  createPolicy(input: ConditionalAccessPolicy): ConditionalAccessPolicy {
    if (!input.displayName) throw new SimGraphError(400, "BadRequest", "displayName is required.");
    const policy: ConditionalAccessPolicy = {
      ...input,
      id: this.newId(),
      createdDateTime: this.options.clock.now().toISOString(),
      modifiedDateTime: null,
    };
    this.policies.set(policy.id ?? "", policy);
    return policy;
  }
  patchPolicy(id: string, patch: ConditionalAccessPolicy): void {
    const current = this.policies.get(id);
    if (!current) throw new SimGraphError(404, "ResourceNotFound", "not found");
    this.policies.set(id, {
      ...current,
      ...patch,
      id,
      modifiedDateTime: this.options.clock.now().toISOString(),
    });
  }
  deletePolicy(id: string): void {
    this.policies.delete(id);
  }

  registrationDetailsPage(
    offset: number,
    limit: number,
  ): { items: UserRegistrationDetails[]; total: number } {
    const all = this.registrationDetails();
    return { items: all.slice(offset, offset + limit), total: all.length };
  }

  registrationDetails(): readonly UserRegistrationDetails[] {
    return this.users.map((u, i) => {
      const registered = this.registered.has(u.id ?? "");
      return {
        id: u.id ?? "",
        userPrincipalName: u.userPrincipalName ?? "",
        userDisplayName: u.displayName ?? "",
        userType: "member",
        isAdmin: i === 0,
        isMfaRegistered: registered,
        isMfaCapable: registered,
        isPasswordlessCapable: false,
        isSsprRegistered: registered,
        isSsprEnabled: true,
        isSsprCapable: registered,
        isSystemPreferredAuthenticationMethodEnabled: true,
        methodsRegistered: registered ? ["microsoftAuthenticatorPush", "softwareOneTimePasscode"] : [],
        systemPreferredAuthenticationMethods: registered ? ["push"] : [],
        userPreferredMethodForSecondaryAuthentication: registered ? "push" : "none",
        lastUpdatedDateTime: "2026-01-01T00:00:00Z",
      } as UserRegistrationDetails;
    });
  }

  /** Sign-in k of user i happens (k * 6h + i * 1min + 1s) before the clock's now. */
  allSignIns(): SignIn[] {
    const now = this.options.clock.now().getTime();
    const out: SignIn[] = [];
    this.users.forEach((user, i) => {
      for (let k = 0; k < this.signInsPerUser; k++) {
        const at = new Date(now - (k * 6 * 3600_000 + i * 60_000 + 1000));
        const failed = i % 7 === 6;
        const results = ["reportOnlySuccess", "reportOnlyInterrupted", "reportOnlyNotApplied"] as const;
        out.push({
          id: guid(0x100000 + i * 0x100 + k),
          createdDateTime: at.toISOString(),
          userId: user.id ?? "",
          userPrincipalName: user.userPrincipalName ?? "",
          userDisplayName: user.displayName ?? "",
          appId: APP_ID,
          appDisplayName: i % 2 === 0 ? "Graph Explorer" : "Office 365",
          ipAddress: `10.0.0.${i}`,
          clientAppUsed: "Browser",
          correlationId: guid(5000 + i * 10 + k),
          conditionalAccessStatus: failed ? "failure" : "success",
          isInteractive: true,
          resourceId: "00000003-0000-0000-c000-000000000000",
          resourceDisplayName: "Microsoft Graph",
          status: failed
            ? {
                errorCode: 53003,
                failureReason: "Access has been blocked by Conditional Access policies.",
                additionalDetails: null,
              }
            : { errorCode: 0, failureReason: null, additionalDetails: null },
          deviceDetail: {
            deviceId: "",
            displayName: null,
            operatingSystem: "Windows 10",
            browser: "Edge 120.0.0",
            isCompliant: false,
            isManaged: false,
            trustType: null,
          },
          appliedConditionalAccessPolicies: [
            {
              id: REPORT_ONLY_POLICY_ID,
              displayName: "Require MFA (report-only)",
              enforcedGrantControls: ["Mfa"],
              enforcedSessionControls: [],
              result: results[(i + k) % results.length],
            },
          ],
        });
      }
    });
    return out.sort((a, b) =>
      a.createdDateTime === b.createdDateTime
        ? (b.id ?? "").localeCompare(a.id ?? "")
        : (b.createdDateTime ?? "").localeCompare(a.createdDateTime ?? ""),
    );
  }

  *signIns(query: SignInQuery): Iterable<SignIn> {
    const from = query.from.getTime();
    const to = Math.min(query.to.getTime(), this.options.clock.now().getTime());
    for (const s of this.allSignIns()) {
      const at = Date.parse(s.createdDateTime ?? "");
      if (at < from || at > to) continue;
      if (query.userIds && !query.userIds.has(s.userId ?? "")) continue;
      if (query.after) {
        const a = query.after;
        const older = (s.createdDateTime ?? "") < a.createdDateTime;
        const sameTimeLowerId = s.createdDateTime === a.createdDateTime && (s.id ?? "") < a.id;
        if (!older && !sameTimeLowerId) continue;
      }
      yield s;
    }
  }

  state(): SimTenantSnapshot {
    return {
      users: this.users.length,
      groups: [...this.groups.values()].map(({ group, members }) => ({
        id: group.id ?? "",
        displayName: group.displayName ?? "",
        members: members.length,
      })),
      policies: this.listPolicies().map((p) => ({
        id: p.id ?? "",
        displayName: p.displayName ?? "",
        state: p.state ?? "",
      })),
      registeredUsers: this.registered.size,
    };
  }

  applyKnob(knob: SimKnob): void {
    switch (knob.kind) {
      case "register":
        this.registered.add(knob.userId);
        return;
      case "unregister":
        this.registered.delete(knob.userId);
        return;
      case "deleteUser": {
        const index = this.users.findIndex((u) => u.id === knob.userId);
        if (index >= 0) this.users.splice(index, 1);
        return;
      }
      case "signInsPerUserPerDay":
        this.signInsPerUser = knob.value;
        return;
      default:
        throw new Error(`the fake tenant does not model knob '${knob.kind}'`);
    }
  }
}
