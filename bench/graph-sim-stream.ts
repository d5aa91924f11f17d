/**
 * Streams 1,000,000 sign-ins of the `large` scenario (100,000 users) through the simulator's HTTP
 * paging and reports the simulator's peak RSS (goal < 300 MB: the log must never be materialised)
 * and pages per second. The simulator runs in a child process so its RSS is its own, not the
 * client's. Not a test: numbers depend on the machine.
 *
 *   npm run bench:graph-sim            (env BENCH_USERS=20000 BENCH_SIGNINS=200000 for a quick run)
 *
 * The live set is small (~100 MB after a GC) but V8 lets garbage pile up when pages are served
 * fast, so uncapped peak RSS mostly measures GC laziness. The child therefore runs with
 * --max-old-space-size=BENCH_MAX_OLD_SPACE_MB (default 192; 0 = V8's default) and the bench
 * also reports the heap still in use after a full GC at the end, the number that shows "flat".
 */
import { fork, type ChildProcess } from "node:child_process";
import { ManualClock } from "../local/clock";
import { startGraphSimulator } from "../local/graph-sim";
import { createSimTenant } from "../local/graph-sim/tenant/create-tenant";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const TARGET = Number(process.env.BENCH_SIGNINS ?? 1_000_000);
/** Monday 12 January: the week before holds 5 working days × 2 sign-ins × USERS. */
const NOW = "2026-01-12T00:00:00Z";
const RSS_GOAL_MB = 300;
const MAX_OLD_SPACE_MB = Number(process.env.BENCH_MAX_OLD_SPACE_MB ?? 192);

type FromChild =
  | { kind: "ready"; baseUrl: string; startupMs: number; rssMb: number }
  | { kind: "peak"; rssMb: number; liveHeapMb: number };

async function serve(): Promise<void> {
  const started = Date.now();
  const clock = new ManualClock(NOW);
  const tenant = createSimTenant({ scenario: "large", seed: 1, clock, size: USERS });
  const sim = await startGraphSimulator({ tenant, clock, seed: 1, throttling: { enabled: false } });
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50).unref();
  const send = (message: FromChild) => process.send?.(message);
  send({ kind: "ready", baseUrl: sim.baseUrl, startupMs: Date.now() - started, rssMb: peak / 1e6 });
  process.on("message", (message) => {
    if (message === "report") {
      const rssMb = Math.max(peak, process.memoryUsage().rss) / 1e6;
      global.gc?.();
      send({ kind: "peak", rssMb, liveHeapMb: process.memoryUsage().heapUsed / 1e6 });
    }
    if (message === "stop") void sim.stop().then(() => process.exit(0));
  });
}

function next(child: ChildProcess, kind: FromChild["kind"]): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.kind !== kind) return;
      child.off("message", onMessage);
      resolve(message);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const child = fork(__filename, ["--serve"], {
    execArgv: [
      "-r",
      "ts-node/register/transpile-only",
      "--expose-gc",
      ...(MAX_OLD_SPACE_MB > 0 ? [`--max-old-space-size=${MAX_OLD_SPACE_MB}`] : []),
    ],
    env: { ...process.env, BENCH_USERS: String(USERS) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const ready = (await next(child, "ready")) as Extract<FromChild, { kind: "ready" }>;
    console.log(
      `simulator: ${USERS.toLocaleString()} users ready in ${ready.startupMs} ms, RSS ${ready.rssMb.toFixed(0)} MB`,
    );
    const headers = { authorization: "Bearer bench", prefer: "include-unknown-enum-members" };
    let url: string | undefined = `${ready.baseUrl}/auditLogs/signIns?$top=1000`;
    let signIns = 0;
    let pages = 0;
    const started = Date.now();
    while (url && signIns < TARGET) {
      const response = await fetch(url, { headers });
      if (!response.ok)
        throw new Error(`page ${pages + 1}: HTTP ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { value: unknown[]; "@odata.nextLink"?: string };
      signIns += body.value.length;
      pages++;
      url = body["@odata.nextLink"];
      if (pages % 100 === 0) console.log(`  ${signIns.toLocaleString()} sign-ins, ${pages} pages`);
    }
    const seconds = (Date.now() - started) / 1000;
    child.send("report");
    const peak = (await next(child, "peak")) as Extract<FromChild, { kind: "peak" }>;
    console.log(
      [
        `streamed ${signIns.toLocaleString()} sign-ins in ${pages} pages over ${seconds.toFixed(1)} s`,
        `pages/s: ${(pages / seconds).toFixed(1)}   sign-ins/s: ${Math.round(signIns / seconds).toLocaleString()}`,
        `simulator peak RSS: ${peak.rssMb.toFixed(0)} MB (goal < ${RSS_GOAL_MB} MB: ${peak.rssMb < RSS_GOAL_MB ? "met" : "MISSED"}; ` +
          `old space cap ${MAX_OLD_SPACE_MB > 0 ? `${MAX_OLD_SPACE_MB} MB` : "V8 default"})`,
        `simulator heap in use after a full GC: ${peak.liveHeapMb.toFixed(0)} MB`,
      ].join("\n"),
    );
    if (signIns < TARGET) console.log(`note: the log ran out at ${signIns.toLocaleString()} sign-ins`);
  } finally {
    child.send("stop");
  }
}

if (process.argv.includes("--serve")) {
  void serve();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
