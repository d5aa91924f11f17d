import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { memberRefPath, membersRefCollectionPath } from "../../../../shared/graph/member-ref";
import {
  enforcedPolicy,
  GRAPH_OPERATION_PERMISSIONS,
  REQUIRED_GRAPH_PERMISSIONS,
  reportOnlyPolicy,
} from "../../../../shared/graph";
import { startHarness } from "./harness";

const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("member-removal URLs can only be built with /$ref", () => {
  it("memberRefPath either throws or returns exactly /groups/{guid}/members/{guid}/$ref", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.uuid()),
        fc.oneof(fc.string(), fc.uuid(), fc.constant("x/$ref")),
        (g, u) => {
          let path: string;
          try {
            path = memberRefPath(g, u);
          } catch (error) {
            expect(String(error)).toMatch(/GUID/);
            return;
          }
          expect(path).toMatch(new RegExp(`^/groups/${GUID}/members/${GUID}/\\$ref$`));
        },
      ),
    );
  });

  it("rejects traversal and injection attempts", () => {
    const g = "6f1d3b4e-2f0a-4c1e-9a57-0d5c2b1e9f00";
    for (const bad of ["", "..", "../../users/x", `${g}/`, `${g}?`, `${g}#`, "x' or 1 eq 1"]) {
      expect(() => memberRefPath(g, bad)).toThrow(/GUID/);
      expect(() => memberRefPath(bad, g)).toThrow(/GUID/);
      expect(() => membersRefCollectionPath(bad)).toThrow(/GUID/);
    }
  });

  it("no gateway source file but member-ref.ts spells a members path by hand", () => {
    const dir = join(__dirname, "../../../../shared/graph");
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "member-ref.ts")
      // An interpolated or concatenated segment after "members/" is how an id would get there.
      .filter((f) => /members\/(\$\{|["'`]\s*\+)/.test(readFileSync(join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("running every gateway operation never emits a member URL without /$ref, nor deletes users or directory objects", async () => {
    const h = await startHarness();
    try {
      const { tenant, gateway } = h;
      const users = tenant.addUsers(30);
      const breakGlass = users[29] as string;
      const enforced = await gateway.ensureGroup("CA rollout R – enforced", "enforced users");
      const excluded = await gateway.ensureGroup("CA rollout R – excluded", "excluded users");
      await gateway.ensureGroup("CA rollout R – enforced", "enforced users", { storedId: enforced.id });
      await gateway.addMembers(enforced.id, users.slice(0, 25));
      await gateway.addMembers(enforced.id, users.slice(0, 25));
      await gateway.removeMembers(enforced.id, users.slice(0, 28));
      await gateway.removeMembers(enforced.id, users);
      await gateway.listGroupMemberIds(enforced.id, () => undefined);
      const ro = await gateway.ensurePolicy(
        reportOnlyPolicy({
          displayName: "R (report-only)",
          population: { includeUsers: ["All"] },
          enforcedGroupId: enforced.id,
          excludedGroupId: excluded.id,
          breakGlassUserIds: [breakGlass],
        }),
      );
      const en = await gateway.ensurePolicy(
        enforcedPolicy({
          displayName: "R (enforced)",
          enforcedGroupId: enforced.id,
          excludedGroupId: excluded.id,
          breakGlassUserIds: [breakGlass],
          controls: await gateway.policyControlsFrom(ro.id),
        }),
      );
      await gateway.getPolicy(en.id);
      await gateway.getPolicies([ro.id, en.id]);
      await gateway.updatePolicyExclusions(en.id, { excludeUsers: [breakGlass, users[0] as string] });
      await gateway.streamSignIns({
        from: new Date(0),
        to: new Date(),
        userIds: new Set(users.slice(0, 3)),
        onPage: () => undefined,
      });
      await gateway.streamSignIns({ from: new Date(0), to: new Date(), onPage: () => undefined });
      await gateway.streamRegistrationDetails({ onPage: () => undefined });
      await gateway.getUsers([breakGlass, "00000000-0000-4000-8000-000000000000"]);
      // The preflight's reads and groups/delta: the fake does not model them, so answer them here.
      tenant.before((req) =>
        /^\/(subscribedSkus|policies\/authorizationPolicy|groups\/[^/]+\/memberOf\/)/.test(req.path)
          ? { status: 200, body: { value: [] } }
          : /^\/groups\/delta/.test(req.path)
            ? { status: 200, body: { value: [], "@odata.deltaLink": "/groups/delta?$deltatoken=t" } }
            : undefined,
      );
      await gateway.groupMembersDelta({ groupIds: [enforced.id], onMembers: () => undefined });
      await gateway.getGroupProtection([enforced.id, excluded.id]);
      await gateway.findGroupIdsByName(["CA rollout R – enforced"]);
      await gateway.listSubscribedSkus();
      await gateway.probePermissions(REQUIRED_GRAPH_PERMISSIONS);

      const exercised = new Set([
        "ensureGroup",
        "addMembers",
        "removeMembers",
        "listGroupMemberIds",
        "groupMembersDelta",
        "ensurePolicy",
        "policyControlsFrom",
        "getPolicy",
        "getPolicies",
        "updatePolicyExclusions",
        "streamSignIns",
        "streamRegistrationDetails",
        "getUsers",
        "getGroupProtection",
        "findGroupIdsByName",
        "listSubscribedSkus",
        "probePermissions",
      ]);
      expect([...exercised].sort()).toEqual(Object.keys(GRAPH_OPERATION_PERMISSIONS).sort());

      const deletes = h.server.requests.filter((r) => r.method === "DELETE");
      expect(deletes.length).toBeGreaterThan(0);
      for (const r of h.server.requests) {
        if (new RegExp(`/members/(?!\\$ref$)`).test(r.path))
          expect(r.path).toMatch(/\/members\/[^/]+\/\$ref$/);
        if (r.method === "DELETE") {
          expect(r.path).toMatch(new RegExp(`^/groups/${GUID}/members/${GUID}/\\$ref$`));
          expect(r.path).not.toMatch(/^\/(users|directoryObjects)\//i);
        }
      }
      expect(tenant.deletedUsers).toEqual([]);
      expect(tenant.users.size).toBe(30);
    } finally {
      await h.server.stop();
    }
  });
});
