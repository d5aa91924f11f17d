import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import {
  createGraphGateway,
  memoryPacingState,
  reportOnlyPolicy,
  requireMfaControls,
  type GraphGateway,
  type PacingState,
} from "../../../shared/graph";
import { simGateway } from "./sim-gateway";

/**
 * Conditional Access pacing against the simulator with its realistic limit (one call per second
 * per tenant, 429s without Retry-After), on one virtual clock: a wait moves the clock the
 * simulator throttles by.
 */
describe("Conditional Access calls paced by a stored next-allowed time", () => {
  let sim: GraphSimulator;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock("2026-01-12T09:00:00Z");
    sim = await startGraphSimulator({ scenario: "clean", seed: 7, clock });
  });
  afterEach(() => sim.stop());

  function gateway(state: PacingState | undefined, waits: number[]): GraphGateway {
    return simGateway(sim, clock, waits, state ? { pacing: { state } } : {});
  }

  const definition = (name: string): ConditionalAccessPolicy =>
    reportOnlyPolicy({
      displayName: name,
      enforcedGroupId: "00000000-0000-0000-0000-0000000000e1",
      excludedGroupId: "00000000-0000-0000-0000-0000000000e2",
      breakGlassUserIds: ["00000000-0000-0000-0000-0000000000b1"],
      controls: requireMfaControls(),
      population: { includeGroups: [], includeUsers: ["All"] },
    });

  it("back-to-back policy calls get no 429 when paced, and did without pacing", async () => {
    const unpacedWaits: number[] = [];
    const unpaced = gateway(undefined, unpacedWaits);
    const a = await unpaced.ensurePolicy(definition("A"));
    await unpaced.getPolicy(a.id);
    expect(unpaced.counts().throttled).toBeGreaterThan(0);

    clock.advanceBy(60_000);
    const waits: number[] = [];
    const paced = gateway(memoryPacingState(), waits);
    const b = await paced.ensurePolicy(definition("B"));
    await paced.getPolicy(b.id);
    await paced.getPolicies([a.id, b.id]);
    expect(paced.counts().throttled).toBe(0);
    // The list and the POST of ensurePolicy, then the GET and the list: each a second after the last.
    expect(waits).toEqual([1_000, 1_000, 1_000]);
  });

  it("a re-run of the same work (same pacing key) reuses its slots and does not move virtual time", async () => {
    const state = memoryPacingState();
    const a = await gateway(state, []).ensurePolicy(definition("A"));
    clock.advanceBy(10_000);
    // Only the pacer's own waits are under test here: Graph would also count the first run's
    // calls against the re-run's, which no client-side state can undo without waiting.
    sim.setThrottling({ enabled: false });

    // The first run reads twice (the second a second later), then crashes before it completes.
    const firstWaits: number[] = [];
    const first = gateway(state, firstWaits).paced("drift|r|0|health gate|2026-01-12T09:00:10Z");
    await first.getPolicy(a.id);
    await first.getPolicy(a.id);
    expect(firstWaits).toEqual([1_000]);
    const afterFirst = clock.now().getTime();

    // The host runs it again on a new process: same key, same calls, no new waits.
    const rerunWaits: number[] = [];
    const rerun = gateway(state, rerunWaits).paced("drift|r|0|health gate|2026-01-12T09:00:10Z");
    await rerun.getPolicy(a.id);
    await rerun.getPolicy(a.id);
    expect(rerunWaits).toEqual([]);
    expect(clock.now().getTime()).toBe(afterFirst);

    // Without the key the re-run would take new slots after the first run's and wait for them.
    const unkeyedWaits: number[] = [];
    await gateway(state, unkeyedWaits).getPolicy(a.id);
    expect(unkeyedWaits).toEqual([1_000]);
  });

  it("a run that crashed while waiting for its slot waits, on the re-run, only what is left", async () => {
    const state = memoryPacingState();
    const g = gateway(state, []);
    const a = await g.ensurePolicy(definition("A"));
    // Slot taken and recorded, then the process dies 400 ms into the 1 s wait.
    const crashed = createGraphGateway(
      { baseUrl: sim.baseUrl, staticToken: "sim-token" },
      {
        sleep: () => Promise.reject(new Error("host stopped")),
        now: () => clock.now(),
        pacing: { state },
      },
    ).paced("setup|r");
    await expect(crashed.getPolicy(a.id)).rejects.toThrow("host stopped");
    clock.advanceBy(400);
    const waits: number[] = [];
    const rerun = gateway(state, waits).paced("setup|r");
    await rerun.getPolicy(a.id);
    expect(waits).toEqual([600]);
    expect(rerun.counts().throttled).toBe(0);
  });

  it("reads several policies in one Conditional Access call, and leaves out deleted ones", async () => {
    const waits: number[] = [];
    const g = gateway(memoryPacingState(), waits);
    const a = await g.ensurePolicy(definition("A"));
    const b = await g.ensurePolicy(definition("B"));
    sim.tenant.deletePolicy(b.id);
    const before = g.counts().total;
    const found = await g.getPolicies([a.id, b.id]);
    expect(g.counts().total - before).toBe(1);
    expect([...found.keys()]).toEqual([a.id.toLowerCase()]);
    expect(found.get(a.id.toLowerCase())?.displayName).toBe("A");
  });

  /** Eight hours of sign-ins, an hour a read, and the registration report: nine report requests. */
  async function readReports(g: GraphGateway): Promise<void> {
    const end = clock.now().getTime();
    for (let hour = 8; hour >= 1; hour--) {
      await g.streamSignIns({
        from: new Date(end - hour * 3_600_000),
        to: new Date(end - (hour - 1) * 3_600_000),
        onPage: () => undefined,
      });
    }
    await g.streamRegistrationDetails({ onPage: () => undefined });
  }

  it("report reads (sign-ins, registration details) back to back get no 429 when paced, and did without", async () => {
    const unpaced = gateway(undefined, []);
    await readReports(unpaced);
    // The documented limit (five per ten seconds, 429 with Retry-After) bit, and was waited out.
    expect(unpaced.counts().throttled).toBeGreaterThan(0);

    clock.advanceBy(60_000);
    const waits: number[] = [];
    const paced = gateway(memoryPacingState(), waits);
    await readReports(paced);
    expect(paced.counts().total).toBeGreaterThan(5);
    expect(paced.counts().throttled).toBe(0);
    // Five go at once; the sixth waits until the first has left Graph's ten-second window.
    expect(waits).toEqual([10_000]);
  });

  it("report reads run again soon after (a crashed activity) reuse their slots; long after they are paced afresh", async () => {
    const state = memoryPacingState();
    sim.setThrottling({ enabled: false });
    const end = clock.now().getTime();
    const hours = async (g: GraphGateway) => {
      for (let hour = 7; hour >= 1; hour--)
        await g.streamSignIns({
          from: new Date(end - hour * 3_600_000),
          to: new Date(end - (hour - 1) * 3_600_000),
          onPage: () => undefined,
        });
    };
    const firstWaits: number[] = [];
    await hours(gateway(state, firstWaits).paced("collect|r|0"));
    expect(firstWaits).toEqual([10_000]);
    const afterFirst = clock.now().getTime();

    // The same work from a new process: its slots are found, no waits, virtual time stays.
    const rerunWaits: number[] = [];
    await hours(gateway(state, rerunWaits).paced("collect|r|0"));
    expect(rerunWaits).toEqual([]);
    expect(clock.now().getTime()).toBe(afterFirst);

    // An hour later the same work is paced like any other.
    clock.advanceBy(3_600_000);
    const laterWaits: number[] = [];
    await hours(gateway(state, laterWaits).paced("collect|r|0"));
    expect(laterWaits).toEqual([10_000]);
  });

  it("a read with no pacing key is named by what it reads: the same window and users again reuse its slot", async () => {
    const state = memoryPacingState();
    sim.setThrottling({ enabled: false });
    const end = clock.now().getTime();
    const read = (g: GraphGateway, hoursBack: number) =>
      g.streamSignIns({
        from: new Date(end - hoursBack * 3_600_000),
        to: new Date(end),
        onPage: () => undefined,
      });
    for (let hours = 1; hours <= 5; hours++) await read(gateway(state, []), hours);
    // Graph's window is full: the same read again takes no new slot, another one waits for one.
    const again: number[] = [];
    await read(gateway(state, again), 5);
    expect(again).toEqual([]);
    const other: number[] = [];
    await read(gateway(state, other), 6);
    expect(other).toEqual([10_000]);
  });
});
