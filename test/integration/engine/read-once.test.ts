import { ATTEMPT_WINDOW, isoDurationMs, SERVICE_ACCOUNT_LOOKBACK } from "../../../shared/domain";
import type { GraphGateway } from "../../../shared/graph";
import { readLateTail } from "../../../shared/store/late-tail-state";
import { runToEnd, seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(600_000);

describe("the sign-in log over a whole rollout", () => {
  let run: EngineRun;
  const reads: { from: number; to: number; pages: number }[] = [];

  beforeAll(async () => {
    run = await startEngine("invoicing-app");
    // Every gateway the app makes from this one (activities pace their policy calls through
    // paced copies) records its sign-in reads too.
    const record = (graph: GraphGateway): GraphGateway => {
      const original = graph.streamSignIns.bind(graph);
      graph.streamSignIns = async (input) => {
        const result = await original(input);
        reads.push({ from: input.from.getTime(), to: input.to.getTime(), pages: result.pages });
        return result;
      };
      const paced = graph.paced.bind(graph);
      graph.paced = (key) => record(paced(key));
      return graph;
    };
    record(run.stack.graph);
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("is read once: no gate or later wave reads a stretch another read counted, beyond the attempt window either side", async () => {
    const plan = seedPlan();
    const result = await runToEnd(run, plan);
    expect(result.rollout.status).toBe("completed");

    // Before the rollout's first observation, service-account detection looks back a week
    // (SERVICE_ACCOUNT_LOOKBACK) at the start check, the preflight and setup: those reads end at
    // the start, before any gate's stretch of the log begins.
    const started = Math.min(...reads.map((r) => r.to));
    const sweeps = reads.filter((r) => r.to - r.from === isoDurationMs(SERVICE_ACCOUNT_LOOKBACK));
    expect(sweeps.length).toBeLessThanOrEqual(3);
    for (const sweep of sweeps) expect(sweep.to).toBeLessThanOrEqual(started + isoDurationMs("PT1H"));
    const gateReads = reads.filter((r) => !sweeps.includes(r));
    const sorted = [...gateReads].sort((a, b) => a.from - b.from);
    expect(sorted.length).toBeGreaterThan(10);
    // Entra's usual latency leaves too few rows later than settle to grow the late tail
    // (shared/domain/signins/late-tail.ts): nothing is re-read for late rows.
    expect((await readLateTail(run.stack.store, String(plan.rolloutId)))?.tail).toBe(0);
    // Each read looks ATTEMPT_WINDOW behind and ahead of the stretch it counts, so that one
    // attempt's rows are read together (collect-sign-ins.ts): consecutive reads share that much.
    const overlap = 2 * isoDurationMs(ATTEMPT_WINDOW);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1] as { to: number };
      expect((sorted[i] as { from: number }).from).toBeGreaterThanOrEqual(previous.to - overlap);
    }
    const first = sorted[0] as { from: number };
    const last = Math.max(...sorted.map((r) => r.to));
    const readLength = sorted.reduce((sum, r) => sum + (r.to - r.from), 0);
    expect(readLength).toBeLessThanOrEqual(1.1 * (last - first.from));
    // Every page Graph served went to one of those reads.
    const served = run.stack.sim.counters().signInPagesServed;
    expect(served).toBe(reads.reduce((sum, r) => sum + r.pages, 0));

    // Waves 2 and 3 observe the hours their predecessors baked through, read once during the
    // bake: their readiness gates still saw nearly every user sign in.
    const gates = await run.stack.store.gates.list(String(plan.rolloutId), { limit: 1000 });
    for (const waveIndex of [1, 2]) {
      const readiness = gates.find((g) => g.waveIndex === waveIndex && g.gate === "readiness");
      const metrics = readiness?.metrics as { users: number; usersWithSignIns: number } | undefined;
      expect(metrics?.usersWithSignIns).toBeGreaterThan((metrics?.users ?? Infinity) * 0.8);
    }
  });
});
