import type { UserInput, UserStage } from "../../../shared/store";
import { freshStore } from "./store-fixture";

const stages: UserStage[] = ["pending", "reportOnly", "heldBack", "excluded", "enforced"];

function population(count: number): UserInput[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
    upn: `user${i}@contoso.test`,
    waveIndex: i % 3,
    stage: stages[i % stages.length] as UserStage,
  }));
}

describe("users table", () => {
  it("bulk upserts 250 users across several transactions and reads them back by stage and wave", async () => {
    const { store } = await freshStore();
    const users = population(250);
    expect(await store.users.upsertMany("r1", users)).toBe(250);

    const all: string[] = [];
    for await (const user of store.users.iterate("r1", {}, { pageSize: 60 })) all.push(user.userId);
    expect(all).toHaveLength(250);
    expect(new Set(all).size).toBe(250);

    const heldBack = await store.users.list("r1", { stage: "heldBack" });
    expect(heldBack).toHaveLength(50);
    expect(heldBack.every((user) => user.stage === "heldBack")).toBe(true);

    const wave2Enforced = await store.users.list("r1", { stage: "enforced", waveIndex: 2 });
    const expected = users.filter((u) => u.stage === "enforced" && u.waveIndex === 2).map((u) => u.userId);
    expect(wave2Enforced.map((u) => u.userId).sort()).toEqual(expected.sort());

    const either = await store.users.list("r1", { stage: ["pending", "excluded"] });
    expect(either).toHaveLength(100);

    expect(await store.users.countByStage("r1")).toEqual({
      pending: 50,
      reportOnly: 50,
      heldBack: 50,
      excluded: 50,
      enforced: 50,
    });
  });

  it("streams pages no bigger than asked and stops at the list limit", async () => {
    const { store } = await freshStore();
    await store.users.upsertMany("r1", population(120));
    const sizes: number[] = [];
    for await (const page of store.users.iteratePages("r1", {}, { pageSize: 50 })) sizes.push(page.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(await store.users.list("r1", {}, 7)).toHaveLength(7);
  });

  it("upserting again replaces rows (idempotent), and users of other rollouts stay apart", async () => {
    const { store, clock } = await freshStore();
    const users = population(30);
    await store.users.upsertMany("r1", users);
    await store.users.upsertMany("r2", users.slice(0, 5));
    clock.advanceBy(3_600_000);
    await store.users.upsertMany(
      "r1",
      users.map((u) => ({
        ...u,
        stage: "heldBack" as const,
        reason: "no MFA method",
        retryAt: "2026-03-09T08:00:00Z",
      })),
    );

    const r1 = await store.users.list("r1");
    expect(r1).toHaveLength(30);
    expect(r1.every((u) => u.stage === "heldBack" && u.retryAt === "2026-03-09T08:00:00.000Z")).toBe(true);
    expect(r1[0]?.updatedAt).toBe("2026-03-02T09:00:00.000Z");
    expect(await store.users.list("r2")).toHaveLength(5);
  });

  it("finds users whose exclusion has expired", async () => {
    const { store } = await freshStore();
    await store.users.upsertMany("r1", [
      {
        userId: "a",
        upn: "a@x",
        waveIndex: 0,
        stage: "excluded",
        exclusionExpiresAt: "2026-03-01T00:00:00Z",
      },
      {
        userId: "b",
        upn: "b@x",
        waveIndex: 0,
        stage: "excluded",
        exclusionExpiresAt: "2026-04-01T00:00:00Z",
      },
      { userId: "c", upn: "c@x", waveIndex: 0, stage: "enforced" },
    ]);
    const expired = await store.users.list("r1", {
      stage: "excluded",
      exclusionExpiresBy: "2026-03-02T00:00:00Z",
    });
    expect(expired.map((u) => u.userId)).toEqual(["a"]);
    expect(await store.users.get("r1", "c")).toMatchObject({ stage: "enforced", upn: "c@x" });
  });

  it("moves users to exactly their new values, dropping the columns they no longer have", async () => {
    const { store } = await freshStore();
    const plain = { userId: "a", upn: "a@x", waveIndex: 1, stage: "reportOnly" as const };
    const held = {
      userId: "b",
      upn: "b@x",
      waveIndex: 1,
      stage: "heldBack" as const,
      reason: "no MFA method registered",
      retryAt: "2026-03-01T00:00:00.000Z",
      retries: 1,
    };
    await store.users.upsertMany("r1", [plain, held]);
    const [a, b] = [await store.users.get("r1", "a"), await store.users.get("r1", "b")];
    expect(
      await store.users.moveMany("r1", [
        { from: a, to: { ...plain, stage: "enforced" } },
        { from: b, to: { userId: "b", upn: "b@x", waveIndex: 1, stage: "enforced", retries: 1 } },
      ]),
    ).toBe(2);
    const { updatedAt: _a, ...movedA } = await store.users.get("r1", "a");
    const { updatedAt: _b, ...movedB } = await store.users.get("r1", "b");
    expect(movedA).toEqual({ ...plain, stage: "enforced" });
    expect(movedB).toEqual({ userId: "b", upn: "b@x", waveIndex: 1, stage: "enforced", retries: 1 });
    expect(await store.users.countByStage("r1", { waveIndex: 1 })).toMatchObject({
      enforced: 2,
      heldBack: 0,
    });
  });
});
