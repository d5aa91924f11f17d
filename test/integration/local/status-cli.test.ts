import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { TableServiceClient } from "@azure/data-tables";
import { ManualClock } from "../../../local/clock";
import { localAzuriteFile, recordLocalAzurite } from "../../../local/status/local-azurite";
import { runStatus, type StatusRequest } from "../../../local/status/run-status";
import type { RolloutDetail, RolloutLine } from "../../../local/status/status-model";
import { createStatusStore, type StatusStore } from "../../../shared/store";
import { azuriteConnectionString, uniqueTableName } from "../azurite-env";
import { seedPlan } from "../engine/engine-fixture";

const HELD = "7b0c0000-0000-4000-8000-000000000001";
const OUT = "7b0c0000-0000-4000-8000-000000000002";

/** A rollout part-way through its last wave, written by the app's own repositories. */
async function writeRollout(store: StatusStore, clock: ManualClock): Promise<void> {
  await store.rollouts.create({ id: "seed-phased", plan: seedPlan(), createdBy: "jane.doe@contoso.com" });
  for (const [index, name, planned] of [
    [0, "pilot", 15],
    [1, "core", 40],
    [2, "extended", 30],
  ] as const) {
    await store.waves.put({
      rolloutId: "seed-phased",
      index,
      name,
      phase: index < 2 ? "completed" : "bake",
      planned,
    });
  }
  await store.users.upsertMany("seed-phased", [
    {
      userId: HELD,
      upn: "dana.ueda@contoso.com",
      waveIndex: 2,
      stage: "heldBack",
      reason: "Contoso Invoicing on iOS: 2 of 2 sign-ins failed MFA (error 50074)",
      retryAt: "2026-02-12T08:00:00.000Z",
    },
    {
      userId: OUT,
      upn: "",
      waveIndex: 1,
      stage: "excluded",
      reason: "on leave",
      exclusionExpiresAt: "2026-03-01T00:00:00.000Z",
    },
  ]);
  await store.gates.record({
    rolloutId: "seed-phased",
    waveIndex: 2,
    gate: "health",
    evaluatedAt: "2026-02-05T08:00:00.000Z",
    verdict: "Fail",
    decision: "shrink",
    reasons: ["holding back 1 users who fail on one app and platform"],
    metrics: { wave: { signIns: 520, failures: 16, rate: 16 / 520 }, systemic: false },
  });
  clock.advanceBy(3_600_000);
  await store.waves.update("seed-phased", 2, () => ({
    enforced: 29,
    heldBack: 1,
    lastDecision: { decision: "shrink", at: "2026-02-05T08:00:00.000Z" },
  }));
  await store.rollouts.update("seed-phased", () => ({
    status: "paused",
    statusReason: "health gate: systemic: MFA service failing",
    currentWave: 2,
    counts: { pending: 0, reportOnly: 0, heldBack: 1, excluded: 1, enforced: 83 },
  }));
}

async function status(request: StatusRequest) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runStatus(request, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run status against Azurite", () => {
  const connectionString = azuriteConnectionString();
  const prefix = uniqueTableName("stat").slice(0, 20);
  const clock = new ManualClock("2026-02-05T08:00:00.000Z");
  const base = { connectionString, connectionStringSource: "cli", tablePrefix: prefix };

  beforeAll(async () => {
    const store = await createStatusStore({ connectionString, tablePrefix: prefix, clock });
    await writeRollout(store, clock);
    await store.rollouts.create({
      id: "done-one",
      plan: seedPlan({ rolloutId: "done-one" }),
      createdBy: "a@x",
      status: "completed",
    });
  });

  it("lists every rollout with status, wave and counts, and why one is paused", async () => {
    const { code, out } = await status(base);
    expect(code).toBe(0);
    expect(out).toMatch(/\ndone-one\s+completed\s+1\/3 pilot\s+0\s+0\s+0\s+0\s+0\s+2026-02-05 09:00/);
    expect(out).toMatch(/\nseed-phased\s+paused\s+3\/3 extended\s+83\s+1\s+1\s+0\s+0\s+2026-02-05 09:00/);
    expect(out).toContain("seed-phased is paused: health gate: systemic: MFA service failing");
  });

  it("shows one rollout's waves, held-back and excluded users and last gate", async () => {
    const { code, out } = await status({ ...base, rolloutId: "seed-phased" });
    expect(code).toBe(0);
    expect(out).toMatch(/^Rollout seed-phased: paused — health gate: systemic/);
    expect(out).toMatch(/\nextended\s+bake\s+30\s+29\s+1\s+0\s+0\s+shrink at 2026-02-05 08:00 \+00:00/);
    expect(out).toMatch(
      /dana\.ueda@contoso\.com\s+extended\s+re-checked 2026-02-12 08:00 \+00:00\s+Contoso Invoicing on iOS/,
    );
    expect(out).toMatch(
      new RegExp(`Excluded \\(1\\)\\n.*\\n${OUT}\\s+core\\s+2026-03-01 00:00 \\+00:00\\s+on leave`),
    );
    expect(out).toContain("extended · health gate at 2026-02-05 08:00 +00:00: Fail → shrink");
    expect(out).toContain("wave 3.1% of 520 sign-ins");
  });

  it("prints the same as JSON for scripts", async () => {
    const list = JSON.parse((await status({ ...base, json: true })).out) as { rollouts: RolloutLine[] };
    expect(list.rollouts.map((r) => [r.id, r.status, r.counts.enforced])).toEqual([
      ["done-one", "completed", 0],
      ["seed-phased", "paused", 83],
    ]);
    const detail = JSON.parse(
      (await status({ ...base, rolloutId: "seed-phased", json: true })).out,
    ) as RolloutDetail;
    expect(detail.heldBack).toEqual([
      expect.objectContaining({ userId: HELD, until: "2026-02-12T08:00:00.000Z", wave: "extended" }),
    ]);
    expect(detail.lastGates).toEqual([expect.objectContaining({ wave: "extended", decision: "shrink" })]);
  });

  it("names the rollouts there are when asked for an unknown one (exit 1)", async () => {
    const { code, err } = await status({ ...base, rolloutId: "nope" });
    expect(code).toBe(1);
    expect(err).toMatch(/no rollout 'nope' .*there are: done-one, seed-phased/);
  });

  it("says the tables are missing for a wrong prefix, and creates none (exit 2)", async () => {
    const wrong = uniqueTableName("nosuch").slice(0, 20);
    const { code, err } = await status({ ...base, tablePrefix: wrong });
    expect(code).toBe(2);
    expect(err).toMatch(/no status tables .*--table-prefix/);
    const service = TableServiceClient.fromConnectionString(connectionString, {
      allowInsecureConnection: true,
    });
    for await (const table of service.listTables()) expect(table.name?.startsWith(wrong)).toBe(false);
  });

  it("reads the Azurite a rehearsal recorded when no connection is given", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "status-it-"));
    try {
      const localFile = localAzuriteFile(dir);
      await recordLocalAzurite(
        { connectionString, tablePrefix: prefix, rolloutId: "seed-phased" },
        localFile,
      );
      const { code, out } = await status({ localFile });
      expect(code).toBe(0);
      expect(out).toContain("seed-phased");
      expect(out).toContain("Details: npm run status -- seed-phased");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
