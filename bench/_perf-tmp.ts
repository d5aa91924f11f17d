import { ManualClock } from "../local/clock";
import { createSimTenant } from "../local/graph-sim/tenant/create-tenant";
const clock = new ManualClock("2026-01-06T00:00:00Z");
const t = createSimTenant({ scenario: "clean", seed: 1, clock });
const g = t.createGroup({ displayName: "e", mailNickname: "e", mailEnabled: false, securityEnabled: true });
const pol = (state: string, users: object) => ({ displayName: state, state, conditions: { users, applications: { includeApplications: ["All"] } }, grantControls: { operator: "OR", builtInControls: ["mfa"] } } as never);
t.createPolicy(pol("enabledForReportingButNotEnforced", { includeGroups: ["a11c0000-5a1f-4c0d-9e00-000000000001"], excludeGroups: [g.id] }));
t.createPolicy(pol("enabled", { includeGroups: [g.id] }));
t.addMembers(g.id!, t.listMemberIds("a11c0000-5a1f-4c0d-9e00-000000000004"));
clock.advanceTo(new Date("2026-01-30T00:00:00Z"));
for (let r = 0; r < 3; r++) {
  const t1 = Date.now(); let n = 0;
  for (const s of t.signIns({ from: new Date("2026-01-05T00:00:00Z"), to: clock.now() })) { n++; void s; }
  console.log(n, Date.now() - t1, "ms");
}
const ids = t.listMemberIds("a11c0000-5a1f-4c0d-9e00-000000000004");
const t2 = Date.now();
for (const id of ids) [...t.signIns({ from: new Date("2026-01-05T00:00:00Z"), to: clock.now(), userIds: new Set([id]) })];
console.log("per-user", Date.now() - t2, "ms");
