import { ManualClock } from "../../../local/clock";
import { runStatus } from "../../../local/status/run-status";
import { createStatusStore } from "../../../shared/store";
import { azuriteConnectionString, uniqueTableName } from "../azurite-env";
import { seedPlan } from "../engine/engine-fixture";

const ESC = "\u001b";

/**
 * Finding 4: `npm run status` wrote names and reasons to the terminal raw, so an escape sequence
 * in a UPN (the directory's) or a reason (an admin's, or an older row's) acted on the operator's
 * terminal. The rows here are written straight through the repositories, as old data would be.
 */
describe("npm run status prints other people's text inert", () => {
  const connectionString = azuriteConnectionString();
  const prefix = uniqueTableName("sec").slice(0, 20);
  const base = { connectionString, connectionStringSource: "cli", tablePrefix: prefix };

  beforeAll(async () => {
    const clock = new ManualClock("2026-02-05T08:00:00.000Z");
    const store = await createStatusStore({ connectionString, tablePrefix: prefix, clock });
    await store.rollouts.create({ id: "ansi", plan: seedPlan({ rolloutId: "ansi" }), createdBy: "a@x" });
    await store.waves.put({ rolloutId: "ansi", index: 0, name: "pilot", phase: "bake", planned: 1 });
    await store.users.upsertMany("ansi", [
      {
        userId: "7b0c0000-0000-4000-8000-000000000009",
        upn: `eve${ESC}]0;owned${ESC}\\@contoso.com`,
        waveIndex: 0,
        stage: "heldBack",
        reason: `fails\n${ESC}[2J${ESC}[32mall good`,
        retryAt: "2026-02-12T08:00:00.000Z",
      },
    ]);
    await store.rollouts.update("ansi", () => ({
      status: "paused",
      statusReason: `${ESC}[31mpaused${ESC}[0m\nansi is completed: forged`,
      counts: { pending: 0, reportOnly: 0, heldBack: 1, excluded: 0, enforced: 0 },
    }));
  });

  async function status(rolloutId?: string): Promise<string> {
    const out: string[] = [];
    const code = await runStatus(
      { ...base, ...(rolloutId ? { rolloutId } : {}) },
      { out: (t) => out.push(t), err: (t) => out.push(t) },
    );
    expect(code).toBe(0);
    return out.join("\n");
  }

  it("lists rollouts without escape sequences or a forged line", async () => {
    const out = await status();
    expect(out).not.toContain(ESC);
    expect(out).toContain("ansi is paused: paused ansi is completed: forged");
    expect(out.split("\n").filter((line) => line.startsWith("ansi is completed"))).toEqual([]);
  });

  it("shows one rollout's held-back users without escape sequences", async () => {
    const out = await status("ansi");
    expect(out).not.toContain(ESC);
    expect(out).toContain("eve@contoso.com");
    expect(out).toContain("fails all good");
  });
});
