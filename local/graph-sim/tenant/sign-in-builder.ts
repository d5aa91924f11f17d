import type { SignIn } from "@microsoft/microsoft-graph-types";
import { chooseUsage, type SimApp } from "./apps-devices";
import { evaluateConditionalAccess, type CaResult } from "./ca-evaluation";
import type { Faults } from "./faults";
import type { GroupStore } from "./groups";
import type { PolicyStore } from "./policies";
import { guid, mix } from "./prng";
import { formatInstant, signInId } from "./sign-in-generator";
import type { SimUser } from "./users";

/** Everything a sign-in depends on, read at the sign-in's own instant. */
export interface SignInWorld {
  readonly seed: number;
  readonly apps: ReadonlyMap<string, SimApp>;
  readonly groups: GroupStore;
  readonly policies: PolicyStore;
  readonly faults: Faults;
}

/** App id, client and CA outcome of candidate (user, day, n) at `at`, with methods as `hasMethod` says. */
export function evaluateCandidate(
  world: SignInWorld,
  user: SimUser,
  day: number,
  n: number,
  at: number,
  hasMethod: boolean,
): { app: SimApp; usage: ReturnType<typeof chooseUsage>; ca: CaResult } {
  const usage = chooseUsage(world.seed, user, mix(world.seed, user.hash, day, n, 0xa99));
  const app = world.apps.get(usage.appId) ?? {
    appId: usage.appId,
    displayName: usage.appId,
    kind: "lineOfBusiness",
  };
  const ca = evaluateConditionalAccess(world.policies.atTime(at), {
    userId: user.id,
    userType: user.userType,
    app,
    client: usage.client,
    hasMethod,
    outage: world.faults.outageAt(at),
    appBroken: world.faults.appBrokenAt(app.appId, usage.client.platform, user.id, at),
    isMember: (groupId) => world.groups.get(groupId)?.members.wasUserMemberAt(user, at) ?? false,
  });
  return { app, usage, ca };
}

export function buildSignIn(
  world: SignInWorld,
  user: SimUser,
  day: number,
  n: number,
  at: number,
  hasMethod: boolean,
): SignIn {
  const { app, usage, ca } = evaluateCandidate(world, user, day, n, at, hasMethod);
  return {
    id: signInId(world.seed, user, day, n),
    createdDateTime: formatInstant(at),
    userDisplayName: user.displayName,
    userPrincipalName: user.upn,
    userId: user.id,
    appId: app.appId,
    appDisplayName: app.displayName,
    ipAddress: usage.client.ipAddress,
    clientAppUsed: usage.client.clientAppUsed,
    correlationId: guid(world.seed, user.hash, day, n, 0xc0),
    conditionalAccessStatus: ca.conditionalAccessStatus,
    isInteractive: true,
    riskDetail: "none",
    riskLevelAggregated: "none",
    riskLevelDuringSignIn: "none",
    riskState: "none",
    riskEventTypes_v2: [],
    resourceDisplayName: app.displayName,
    resourceId: app.appId,
    status: ca.status,
    deviceDetail: usage.client.deviceDetail,
    location: usage.client.location,
    appliedConditionalAccessPolicies: ca.appliedConditionalAccessPolicies,
  };
}
