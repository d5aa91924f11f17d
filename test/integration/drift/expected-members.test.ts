import { expectedMembers } from "../../../shared/app/drift-expected";
import type { UserInput } from "../../../shared/store";
import { twoWorkers } from "../store/store-fixture";

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

function enforced(count: number): UserInput[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: id(i),
    upn: "",
    waveIndex: 0,
    stage: "enforced",
  }));
}

function excluded(user: UserInput, before: UserInput["stage"]): UserInput {
  return { ...user, stage: "excluded", stageBeforeExclusion: before, reason: "excluded by an admin" };
}

/**
 * What a drift check expects in the managed groups, on Azurite: enforced users from the users
 * snapshot, excluded ones from their rows, with writes by another worker seen at once.
 */
describe("drift check: members expected in the managed groups", () => {
  it("sees an exclusion another worker made a moment after this one counted, and where the user goes back", async () => {
    const { mine, theirs } = await twoWorkers();
    const population = enforced(30);
    await mine.users.upsertMany("r1", population);
    expect(await mine.users.countByStage("r1")).toMatchObject({ enforced: 30 });

    await theirs.users.upsertMany("r1", [
      excluded(population[3] as UserInput, "enforced"),
      excluded(population[4] as UserInput, "reportOnly"),
    ]);
    const expected = await expectedMembers(mine, "r1");

    expect([...expected.excluded].sort()).toEqual([id(3), id(4)]);
    expect(expected.enforced.has(id(3))).toBe(true);
    expect(expected.enforced.has(id(4))).toBe(false);
    expect(expected.enforced.size).toBe(29);
    expect(expected.excludedRows.get(id(4))?.stageBeforeExclusion).toBe("reportOnly");
  });

  it("expects the same members whether the excluded users' rows are read one by one or by a query", async () => {
    const { mine } = await twoWorkers();
    const population = enforced(260);
    await mine.users.upsertMany("r1", population);
    const few = population.slice(0, 40).map((u, i) => excluded(u, i % 2 === 0 ? "enforced" : "reportOnly"));
    await mine.users.upsertMany("r1", few);
    const byRows = await expectedMembers(mine, "r1");

    // Past a hundred excluded users the rows come from one query on their stage.
    const many = population.slice(40, 160).map((u) => excluded(u, "reportOnly"));
    await mine.users.upsertMany("r1", many);
    const byQuery = await expectedMembers(mine, "r1");

    expect(byRows.excluded.size).toBe(40);
    expect(byRows.enforced.size).toBe(220 + 20);
    expect(byQuery.excluded.size).toBe(160);
    expect(byQuery.enforced.size).toBe(100 + 20);
    expect([...byQuery.excluded].filter((u) => byRows.excluded.has(u)).sort()).toEqual(
      [...byRows.excluded].sort(),
    );
    expect([...byQuery.enforced].sort()).toEqual(
      [...byRows.enforced].filter((u) => !many.some((m) => m.userId === u)).sort(),
    );
  });
});
