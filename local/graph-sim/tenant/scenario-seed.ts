import { Faults } from "./faults";
import type { GroupStore, SimGroup } from "./groups";
import type { Scenario } from "./scenario-schema";
import { DAY_MS } from "./sign-in-generator";
import type { UserDirectory } from "./users";

/** The scenario's day-0 groups, memberships and faults, stamped before any query can look. */
export function seedGroups(scenario: Scenario, users: UserDirectory, groups: GroupStore, at: number): void {
  const byId = new Map<string, SimGroup>();
  for (const g of scenario.groups) {
    byId.set(
      g.id.toLowerCase(),
      groups.add({
        id: g.id.toLowerCase(),
        displayName: g.displayName,
        description: g.description,
        mailNickname: g.mailNickname,
        mailEnabled: false,
        securityEnabled: true,
        isAssignableToRole: g.isAssignableToRole,
        dynamic: g.dynamic,
        createdAt: at,
      }),
    );
  }
  for (const g of scenario.groups) {
    const group = byId.get(g.id.toLowerCase())!;
    const rule = g.members;
    if (!rule) continue;
    const named = new Set(rule.upns.map((u) => u.toLowerCase()));
    for (const user of users.all) {
      const byRule =
        !rule.onlyUpns &&
        rule.kinds.includes(user.kind) &&
        (rule.departments === undefined || rule.departments.includes(user.department));
      if (byRule || named.has(user.upn.toLowerCase())) group.members.add(user.id, at);
    }
  }
  for (const user of users.all) {
    for (const groupId of user.memberOf) byId.get(groupId.toLowerCase())?.members.add(user.id, at);
  }
}

export function seedFaults(scenario: Scenario, users: UserDirectory, startMs: number, at: number): Faults {
  const faults = new Faults();
  for (const o of scenario.faults.mfaOutages) {
    const from = startMs + o.day * DAY_MS + o.startHourUtc * 3_600_000;
    faults.addOutage(from, from + o.hours * 3_600_000);
  }
  for (const b of scenario.faults.brokenApps) {
    for (const upn of b.upns) {
      const user = users.find(upn);
      if (user) faults.breakApp(b.appId, b.platform, user.id, at);
    }
  }
  return faults;
}
