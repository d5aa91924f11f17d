import fc from "fast-check";
import { collectSignIns, foldStretch } from "../../../../shared/app/collect-sign-ins";
import { readWindow, wanted, windowKey } from "../../../../shared/store/counter-windows";
import { samplePlanInput } from "../../../fixtures/sample-plan";
import { fakePorts, seedRollout, seedUsers, seedWave, userIds } from "./fake-ports";

const H = 3_600_000;

/** The fold's test for a window: in its stretch and not in what it holds. */
function foldIncludes(bounds: ReturnType<typeof foldStretch>, at: number): boolean {
  const { stretch, holds } = bounds;
  const held = holds !== undefined && at >= holds.from && at <= holds.until;
  return at >= stretch.from && at <= stretch.until && !held;
}

describe("the stretch collect-sign-ins hands the fold for a window", () => {
  it.each([
    ["a new window", 0, undefined, 6 * H],
    ["a window growing later", 0, { from: 0, until: 6 * H }, 12 * H],
    ["a window growing earlier", 0, { from: 6 * H, until: 12 * H }, 12 * H],
    ["a window growing at both ends", 0, { from: 6 * H, until: 8 * H }, 12 * H],
    ["a later stretch that leaves a gap", 10 * H, { from: 0, until: 6 * H }, 12 * H],
  ])("takes exactly the sign-ins wanted() includes: %s", (_, from, coverage, to) => {
    const wants = wanted(from, coverage, to);
    if (!wants) throw new Error("the case should want something");
    const bounds = foldStretch(wants, coverage, to);
    for (let at = -H; at <= 13 * H; at += H / 2) {
      for (const t of [at - 1, at, at + 1])
        expect([t, foldIncludes(bounds, t)]).toEqual([t, wants.includes(t)]);
    }
  });

  it("agrees with wanted() for any window, held stretch and read", () => {
    const time = fc.integer({ min: 0, max: 48 * H });
    fc.assert(
      fc.property(
        time,
        fc.option(fc.tuple(time, time), { nil: undefined }),
        time,
        fc.array(time, { maxLength: 20 }),
        (from, held, to, probes) => {
          const coverage = held && { from: Math.min(...held), until: Math.max(...held) };
          const wants = wanted(from, coverage, to);
          if (!wants) return;
          const bounds = foldStretch(wants, coverage, to);
          const edges = [from, to, coverage?.from ?? 0, coverage?.until ?? 0, wants.readFrom].flatMap((t) => [
            t - 1,
            t,
            t + 1,
          ]);
          for (const t of [...probes, ...edges])
            expect([t, foldIncludes(bounds, t)]).toEqual([t, wants.includes(t)]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("collectSignIns", () => {
  const AT = Date.parse("2026-03-02T09:00:00.000Z");
  // The defaults: the log is given PT30M to settle, and an attempt's rows PT10M to follow its first.
  const COMPLETE_UNTIL = AT - 40 * 60_000;

  async function observing(rolloutId: string) {
    const ports = fakePorts();
    seedRollout(ports, { ...samplePlanInput(), rolloutId });
    seedWave(ports, rolloutId, 0);
    seedUsers(
      ports,
      rolloutId,
      userIds(3).map((userId) => ({ userId, waveIndex: 0, stage: "reportOnly" as const })),
    );
    return ports;
  }

  const read = (rolloutId: string, from: number, to = AT) => ({
    rolloutId,
    waveIndex: 0,
    purpose: "observe" as const,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  });

  it("reads an empty stretch not at all", async () => {
    const ports = await observing("collect-1");
    expect(await collectSignIns(ports, read("collect-1", AT, AT))).toEqual({ pages: 0, signIns: 0 });
    expect(ports.tenant.calls).toEqual([]);
  });

  it("stores the wave's and the control's windows up to where attempts are complete, and never reads a stretch twice", async () => {
    const ports = await observing("collect-2");
    const from = AT - 72 * H;
    const first = await collectSignIns(ports, read("collect-2", from));
    expect(first).toMatchObject({ pages: 1, signIns: 0, lateTailMs: 0 });
    for (const cohort of ["wave", "control"] as const) {
      const window = await readWindow(ports.store, "collect-2", windowKey(0, "observe", cohort), null);
      expect(window.coverage).toEqual({ from, until: COMPLETE_UNTIL });
    }
    expect(ports.tenant.calls).toHaveLength(1);
    await collectSignIns(ports, read("collect-2", from));
    expect(ports.tenant.calls).toHaveLength(1);
  });
});
