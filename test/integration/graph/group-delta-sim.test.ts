import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import type { GraphGateway } from "../../../shared/graph";
import { memoryGroupDeltaState, type GroupDeltaState } from "../../../shared/store";
import { checkGroupMembers } from "../../../shared/app/drift-members";
import { simGateway } from "./sim-gateway";

/**
 * Drift checks read a managed group by groups/delta against the simulator, which answers it as
 * Graph documents: whole memberships first, then changes from the delta link, 410 Gone
 * (syncStateNotFound) for a link older than seven days.
 */
describe("managed groups checked by groups/delta", () => {
  let sim: GraphSimulator;
  let clock: ManualClock;
  let graph: GraphGateway;
  let state: GroupDeltaState;
  let users: string[];
  let groupId: string;

  beforeEach(async () => {
    clock = new ManualClock("2026-01-12T09:00:00Z");
    sim = await startGraphSimulator({ scenario: "clean", seed: 7, clock });
    graph = simGateway(sim, clock, []);
    state = memoryGroupDeltaState();
    users = sim.tenant.listUsers().map((u) => (u.id as string).toLowerCase());
    groupId = (await graph.ensureGroup("CA rollout D – enforced", "d")).id;
    await graph.addMembers(groupId, users.slice(0, 40));
  });
  afterEach(() => sim.stop());

  const check = (key: string, expected: readonly string[]) =>
    checkGroupMembers(graph, state, key, { id: groupId, expected: new Set(expected) });

  it("the first check reads in full; later ones read only the changes and find outside edits", async () => {
    expect(await check("c1", users.slice(0, 40))).toEqual({
      deleted: false,
      gone: [],
      extra: [],
      read: "full",
    });

    sim.tenant.addMembers(groupId, [users[50] as string]);
    sim.tenant.removeMember(groupId, users[3] as string);
    const before = graph.counts().total;
    expect(await check("c2", users.slice(0, 40))).toEqual({
      deleted: false,
      gone: [users[3]],
      extra: [users[50]],
      read: "delta",
    });
    expect(graph.counts().total - before).toBe(1);

    // The rollout's own change is expected: no finding, still one delta page.
    await graph.addMembers(groupId, [users[41] as string]);
    const expected = [...users.slice(0, 40), users[41] as string, users[50] as string].filter(
      (id) => id !== users[3],
    );
    expect(await check("c3", expected)).toEqual({ deleted: false, gone: [], extra: [], read: "delta" });
  });

  it("a check run again (a crash before it completed) finds the same changes as its first run", async () => {
    await check("c1", users.slice(0, 40));
    sim.tenant.addMembers(groupId, [users[60] as string]);
    const first = await check("c2", users.slice(0, 40));
    expect(first).toMatchObject({ extra: [users[60]], read: "delta" });
    expect(await check("c2", users.slice(0, 40))).toEqual(first);
  });

  it("an expected member the changes do not explain makes the check read the group in full", async () => {
    await check("c1", users.slice(0, 40));
    // The rollout believes user 45 enforced, but nobody added them: no change shows it, the count does.
    expect(await check("c2", [...users.slice(0, 40), users[45] as string])).toEqual({
      deleted: false,
      gone: [users[45]],
      extra: [],
      read: "full",
    });
  });

  it("a delta link older than seven days is refused with 410 syncStateNotFound, and the check reads in full", async () => {
    await check("c1", users.slice(0, 40));
    const stored = await state.load(groupId);
    clock.advanceBy(8 * 86_400_000);
    const link = new URL(stored?.link as string);
    const raw = await fetch(link, { headers: { authorization: "Bearer sim-token" } });
    expect(raw.status).toBe(410);
    expect(((await raw.json()) as { error: { code: string } }).error.code).toBe("syncStateNotFound");
    expect(raw.headers.get("location")).toContain("/groups/delta?");

    sim.tenant.removeMember(groupId, users[7] as string);
    expect(await check("c2", users.slice(0, 40))).toEqual({
      deleted: false,
      gone: [users[7]],
      extra: [],
      read: "full",
    });
    // The full round gave a fresh link: the next check reads changes again.
    expect(
      await check(
        "c3",
        users.slice(0, 40).filter((id) => id !== users[7]),
      ),
    ).toMatchObject({
      read: "delta",
    });
  });

  it("a large group's first round comes over several pages, the group repeated on each", async () => {
    const big = await startGraphSimulator({ scenario: "large", size: 2_500, seed: 3, clock });
    try {
      const g = simGateway(big, clock, []);
      const ids = big.tenant
        .listUsers()
        .map((u) => (u.id as string).toLowerCase())
        .slice(0, 2_100);
      const group = (await g.ensureGroup("CA rollout L – enforced", "l")).id;
      await g.addMembers(group, ids);
      const seen: string[] = [];
      const round = await g.groupMembersDelta({
        groupIds: [group],
        onMembers: (id, changes) => void seen.push(...changes.map((c) => `${id}:${c.id}`)),
      });
      expect(round).toMatchObject({ full: true, pages: 3 });
      expect(new Set(seen).size).toBe(2_100);
      expect(
        await checkGroupMembers(g, memoryGroupDeltaState(), "c1", { id: group, expected: new Set(ids) }),
      ).toMatchObject({ gone: [], extra: [] });
    } finally {
      await big.stop();
    }
  });
});
