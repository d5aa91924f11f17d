import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import { readFileSync } from "node:fs";
import path from "node:path";
import { invariantViolations, type InvariantFacts } from "../../../../local/rehearsal/invariants";
import { validatePlan } from "../../../../shared/domain";
import { emptyStageCounts, type UserRecord } from "../../../../shared/store";

const PLAN_FILE = path.resolve(__dirname, "../../../../local/plans/seed-phased.json");
const BREAK_GLASS = "6a1f0c2e-0000-4000-8000-0000000000b1";
const POPULATION_GROUP = "a11c0000-5a1f-4c0d-9e00-000000000001";
const AT = "2026-01-05T07:00:00.000Z";
const OBSERVED = "2026-01-08T07:00:00.000Z";
const ENFORCED_AT = "2026-01-08T08:00:00.000Z";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** A consistent mid-rollout state: wave 0 (users 1, 2) enforced, user 3 held back, user 4 waiting. */
function facts(): InvariantFacts {
  const validation = validatePlan(JSON.parse(readFileSync(PLAN_FILE, "utf8")));
  if (!validation.ok) throw new Error("the seed plan must validate");
  const user = (n: number, stage: UserRecord["stage"], waveIndex: number): UserRecord => ({
    userId: id(n),
    upn: "",
    waveIndex,
    stage,
    updatedAt: AT,
  });
  const users = [
    user(1, "enforced", 0),
    user(2, "enforced", 0),
    user(3, "heldBack", 0),
    user(4, "reportOnly", 1),
  ];
  const groups: Record<string, string[]> = {
    enforced: [id(1), id(2)],
    excluded: [],
    [POPULATION_GROUP]: [id(1), id(2), id(3), id(4)],
  };
  const policy = (includeGroups: string[]): ConditionalAccessPolicy => ({
    conditions: {
      users: {
        includeGroups,
        excludeGroups: ["enforced", "excluded"],
        excludeUsers: [BREAK_GLASS, "6a1f0c2e-0000-4000-8000-0000000000b2"],
      },
    },
  });
  const policies: Record<string, ConditionalAccessPolicy> = {
    ro: policy([POPULATION_GROUP]),
    en: policy(["enforced"]),
  };
  return {
    plan: validation.plan,
    rollout: {
      id: "r",
      status: "running",
      plan: {},
      currentWave: 0,
      enforcedGroupId: "enforced",
      excludedGroupId: "excluded",
      reportOnlyPolicyId: "ro",
      enforcedPolicyId: "en",
      reportOnlySince: AT,
      createdBy: "a",
      createdAt: AT,
      updatedAt: AT,
      counts: { ...emptyStageCounts(), enforced: 2, heldBack: 1, reportOnly: 1 },
    },
    waves: [
      {
        rolloutId: "r",
        index: 0,
        name: "pilot",
        phase: "bake",
        planned: 3,
        enforced: 2,
        heldBack: 1,
        excluded: 0,
        extensions: 0,
        observeStartedAt: AT,
        observeEndsAt: OBSERVED,
        bakeStartedAt: ENFORCED_AT,
        updatedAt: AT,
      },
    ],
    users,
    gates: [
      {
        rolloutId: "r",
        waveIndex: 0,
        gate: "readiness",
        evaluatedAt: OBSERVED,
        verdict: "Pass",
        decision: "shrink",
        reasons: [],
        metrics: {},
      },
    ],
    audit: [
      { rolloutId: "r", at: AT, actor: "system:engine", action: "setup", rowKey: "1" },
      { rolloutId: "r", at: AT, actor: "system:engine", action: "status:running", rowKey: "2" },
      {
        rolloutId: "r",
        at: OBSERVED,
        actor: "system:readiness-gate",
        action: "decision:shrink",
        waveIndex: 0,
        details: { heldBack: [{ userId: id(3), reason: "no method" }] },
        rowKey: "3",
      },
      {
        rolloutId: "r",
        at: ENFORCED_AT,
        actor: "system:engine",
        action: "wave:enforce",
        waveIndex: 0,
        rowKey: "4",
      },
    ],
    graph: {
      listMemberIds: (groupId) => groups[groupId] ?? [],
      getPolicy: (policyId) => policies[policyId],
      getUser: (userId) => ({ id: userId }),
    },
  };
}

/** Applies a change to a fresh consistent state and returns the violations. */
function violationsAfter(change: (f: InvariantFacts) => void): string[] {
  const state = facts();
  change(state);
  return invariantViolations(state);
}

function withGroups(f: InvariantFacts, extra: Record<string, string[]>): void {
  const original = f.graph.listMemberIds;
  f.graph = { ...f.graph, listMemberIds: (groupId) => extra[groupId] ?? original(groupId) };
}

describe("rollout invariants", () => {
  it("a consistent state has no violations", () => {
    expect(invariantViolations(facts())).toEqual([]);
  });

  it("nothing is checked before setup has created the groups and policies", () => {
    expect(
      violationsAfter((f) => {
        delete f.rollout.enforcedGroupId;
        f.users = [];
      }),
    ).toEqual([]);
  });

  describe("break-glass accounts", () => {
    it("must not be in a group a policy includes", () => {
      expect(violationsAfter((f) => withGroups(f, { enforced: [id(1), id(2), BREAK_GLASS] }))).toEqual(
        expect.arrayContaining([`break-glass ${BREAK_GLASS} is in group enforced, which policy en includes`]),
      );
      expect(
        violationsAfter((f) =>
          withGroups(f, { [POPULATION_GROUP]: [id(1), id(2), id(3), id(4), BREAK_GLASS] }),
        ),
      ).toContain(`break-glass ${BREAK_GLASS} is in group ${POPULATION_GROUP}, which policy ro includes`);
    });

    it("must be excluded from both policies, which must exist", () => {
      expect(
        violationsAfter((f) => {
          const original = f.graph.getPolicy;
          const policy = original("en");
          const stripped = { conditions: { users: { ...policy?.conditions?.users, excludeUsers: [] } } };
          f.graph = { ...f.graph, getPolicy: (p) => (p === "en" ? stripped : original(p)) };
        }),
      ).toContain(`break-glass ${BREAK_GLASS} is not excluded from policy en`);
      expect(violationsAfter((f) => (f.graph = { ...f.graph, getPolicy: () => undefined }))).toContain(
        "managed policy ro does not exist in Graph",
      );
    });

    it("must have no row in the users table", () => {
      expect(violationsAfter((f) => f.users.push({ ...f.users[3]!, userId: BREAK_GLASS }))).toContain(
        `break-glass ${BREAK_GLASS} has a row in the users table`,
      );
    });
  });

  describe("every population user in exactly one stage", () => {
    it("a population user without a row is reported", () => {
      expect(violationsAfter((f) => (f.users = f.users.filter((u) => u.userId !== id(4))))).toContain(
        `population user ${id(4)} has no row (no stage) in the users table`,
      );
    });

    it("counts that disagree with the rows are reported", () => {
      expect(violationsAfter((f) => (f.rollout.counts.enforced = 3))).toContain(
        "the rollout counts 3 enforced but the users table has 2",
      );
    });

    it("an unknown stage or wave is reported", () => {
      const problems = violationsAfter((f) => {
        f.users[3] = { ...f.users[3]!, stage: "limbo" as UserRecord["stage"], waveIndex: 7 };
      });
      expect(problems).toContain(`user ${id(4)} has unknown stage "limbo"`);
      expect(problems).toContain(`user ${id(4)} is in wave 7, which the plan does not have`);
    });
  });

  describe("the users table agrees with Graph", () => {
    it("an enforced user missing from the enforced group is reported", () => {
      expect(violationsAfter((f) => withGroups(f, { enforced: [id(1)] }))).toContain(
        `user ${id(2)} is enforced in the table but is not in the enforced group`,
      );
    });

    it("a held-back user still in the enforced group is reported", () => {
      expect(violationsAfter((f) => withGroups(f, { enforced: [id(1), id(2), id(3)] }))).toContain(
        `user ${id(3)} is heldBack in the table but is in the enforced group`,
      );
    });

    it("a stranger in a managed group and a mismatch with the excluded group are reported", () => {
      const problems = violationsAfter((f) => withGroups(f, { excluded: [id(4), id(99)] }));
      expect(problems).toContain(`user ${id(4)} is reportOnly in the table but is in the excluded group`);
      expect(problems).toContain(`${id(99)} is in a managed group but not in the rollout's users table`);
    });
  });

  describe("no enforcement without a completed observation window", () => {
    it("enforcement before the window ended is reported", () => {
      expect(violationsAfter((f) => (f.waves[0]!.bakeStartedAt = "2026-01-07T07:00:00.000Z"))).toContain(
        `user ${id(1)} is enforced without a completed observation window: enforcement started before the observation window ended`,
      );
    });

    it("a window shorter than the plan's or without a passed readiness gate is reported", () => {
      expect(violationsAfter((f) => (f.waves[0]!.observeStartedAt = "2026-01-06T07:00:00.000Z"))).toContain(
        `user ${id(1)} is enforced without a completed observation window: the observation window is shorter than P3D`,
      );
      expect(violationsAfter((f) => (f.gates[0]!.decision = "pause"))).toContain(
        `user ${id(1)} is enforced without a completed observation window: no readiness gate passed after the observation window`,
      );
    });

    it("a user of a wave that never observed is reported", () => {
      expect(violationsAfter((f) => (f.users[3]!.stage = "enforced"))).toContain(
        `user ${id(4)} is enforced without a completed observation window: its wave never observed`,
      );
    });
  });

  describe("every decision and every mutation has an audit row", () => {
    it("a gate decision without its audit row is reported", () => {
      expect(
        violationsAfter((f) => (f.audit = f.audit.filter((a) => !a.action.startsWith("decision:")))),
      ).toContain(`the readiness decision of wave 0 at ${OBSERVED} has no audit row`);
    });

    it("a user moved without any audit row naming them or their wave is reported", () => {
      expect(
        violationsAfter((f) => (f.audit = f.audit.filter((a) => a.action !== "wave:enforce"))),
      ).toContain(`user ${id(1)} is enforced but no audit row accounts for the move`);
    });

    it("setup and the current status need audit rows", () => {
      const problems = violationsAfter((f) => {
        f.audit = f.audit.filter((a) => a.action !== "setup");
        f.rollout.status = "paused";
      });
      expect(problems).toContain("the groups and policies exist but setup has no audit row");
      expect(problems).toContain("the rollout is paused but no audit row records that status");
    });
  });
});
