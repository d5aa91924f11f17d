/**
 * The measuring process of the gate-throughput section (forked by gate-throughput.ts, so its peak
 * RSS is its own). It reads a pool of rendered sign-in pages, then over the same page sequence
 * times (a) JSON.parse alone and (b) the path collect-sign-ins takes: the gateway's
 * streamSignIns (GraphHttp, paging, the window filter) over a transport that parses each page, and
 * the activity's fold (createSignInFold) into wave and control counters.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createCounters, type SignInCounters } from "../shared/domain";
import { createSignInFold } from "../shared/ingest";
import { GraphGateway } from "../shared/graph";
import { serverSideUserIds } from "../shared/graph/sign-ins";
// The file, not the store's entry: the measured process needs no Table Storage client in its RSS.
import { serializeCounters } from "../shared/store/stored-counters";
import { pagePoolTransport, type PoolReadOptions } from "./page-pool-transport";

/** Pages per stretch between timings of (a): about a fifth of a second of work each. */
const ROUND_PAGES = 50;
const CURRENT_WAVE = 1;

export interface PoolMeta {
  pageSize: number;
  populationIds: string[];
  reportOnlyPolicyId: string;
  from: string;
  to: string;
}

export interface ChildRequest {
  poolFile: string;
  signIns: number;
  /** See PoolReadOptions: the pool served as one log read newest first. */
  continuedLog?: boolean;
}

export interface ChildResult {
  signIns: number;
  pages: number;
  poolPages: number;
  /** CPU seconds (user + system): on a shared machine they move far less than wall time. */
  parseSeconds: number;
  pathSeconds: number;
  parseWallSeconds: number;
  pathWallSeconds: number;
  rounds: number;
  /** Sign-ins the fold counted (in the wave or the control cohort). */
  counted: number;
  countersUsers: number;
  countersJsonBytes: number;
  peakRssMb: number;
  heapAfterGcMb: number;
}

interface Timed {
  cpu: number;
  wall: number;
}

function startTimer(): () => Timed {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  return () => {
    const used = process.cpuUsage(cpu);
    return { cpu: (used.user + used.system) / 1e6, wall: Number(process.hrtime.bigint() - wall) / 1e9 };
  };
}

/** Line by line, so the file is never held twice (a whole-file string plus its pages) at once. */
async function readPool(file: string): Promise<{ meta: PoolMeta; pages: string[] }> {
  let meta: PoolMeta | undefined;
  const pages: string[] = [];
  for await (const line of createInterface({
    input: createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Infinity,
  })) {
    if (meta === undefined) meta = JSON.parse(line) as PoolMeta;
    else if (line !== "") pages.push(line);
  }
  if (!meta) throw new Error(`${file} is empty`);
  return { meta, pages };
}

/** (a): the floor any reader of these pages pays. The length sum keeps the result observable. */
function parseOnly(pages: readonly string[], total: number): Timed & { items: number } {
  const stop = startTimer();
  let items = 0;
  for (let i = 0; i < total; i++) {
    const body = JSON.parse(pages[i % pages.length] as string) as { value: unknown[] };
    items += body.value.length;
  }
  return { ...stop(), items };
}

/** A population member as collect-sign-ins sees it (store.users.slots). */
interface Member {
  waveIndex: number;
  stage: "reportOnly" | "enforced";
}

/**
 * (b): what shared/app/collect-sign-ins.ts runs for one read, minus the tables: the
 * fold it builds over the population into the windows it has open (an observation read: the
 * wave's window and the control cohort's), and the gateway's streamSignIns feeding it, with the
 * user ids the activity passes (none for a population this large: the fold filters by user).
 * One read is one fold, built and finished once, as the activity does; it is fed in stretches
 * (`stream`) so that (a) can be timed between them.
 */
function startRead(
  meta: PoolMeta,
  members: ReadonlyMap<string, Member>,
  into: { wave: SignInCounters; control: SignInCounters },
): {
  stream(pages: readonly string[], count: number, pool: PoolReadOptions): Promise<Timed>;
  finish(): Timed & { counted: number };
  built: Timed;
} {
  const stretch = { from: Date.parse(meta.from), until: Date.parse(meta.to) };
  const stop = startTimer();
  const userIds = serverSideUserIds(members);
  const fold = createSignInFold(
    members,
    [
      { counters: into.wave, cohort: (m) => m.waveIndex === CURRENT_WAVE, stretch },
      {
        counters: into.control,
        cohort: (m) => m.waveIndex !== CURRENT_WAVE && m.stage !== "enforced",
        stretch,
      },
    ],
    { newestFirst: userIds === undefined },
  );
  const built = stop();
  return {
    built,
    async stream(pages, count, pool) {
      const transport = pagePoolTransport(pages, count, pool);
      const gateway = new GraphGateway(transport);
      const stopStretch = startTimer();
      await gateway.streamSignIns({
        from: new Date(stretch.from),
        to: new Date(stretch.until),
        userIds,
        narrow: false,
        onPage: fold.addPage,
      });
      const timed = stopStretch();
      // The transport's rewrite of the pool into a continued log is the bench's, not the read's.
      return { cpu: timed.cpu - transport.rewriteSeconds(), wall: timed.wall };
    },
    finish() {
      const stopFinish = startTimer();
      fold.finish();
      return { ...stopFinish(), counted: fold.counted };
    },
  };
}

/** A whole read of `total` pages with (a) timed between its stretches of ROUND_PAGES pages. */
async function alternate(
  pages: readonly string[],
  total: number,
  meta: PoolMeta,
  members: ReadonlyMap<string, Member>,
  into: { wave: SignInCounters; control: SignInCounters },
  continuedLog = false,
): Promise<{ parse: Timed; path: Timed; items: number; counted: number; rounds: number }> {
  const parse: Timed = { cpu: 0, wall: 0 };
  const read = startRead(meta, members, into);
  const path: Timed = { ...read.built };
  let items = 0;
  let rounds = 0;
  for (let done = 0; done < total; done += ROUND_PAGES, rounds++) {
    const count = Math.min(ROUND_PAGES, total - done);
    const a = parseOnly(pages, count);
    const b = await read.stream(pages, count, { continuedLog, firstPage: done });
    items += a.items;
    add(parse, a);
    add(path, b);
  }
  const end = read.finish();
  add(path, end);
  return { parse, path, items, counted: end.counted, rounds };
}

function add(sum: Timed, part: Timed): void {
  sum.cpu += part.cpu;
  sum.wall += part.wall;
}

async function main(request: ChildRequest): Promise<ChildResult> {
  const { meta, pages } = await readPool(request.poolFile);
  const total = Math.ceil(request.signIns / meta.pageSize);
  // The population as store.users.slots gives it: a tenth already enforced (as in the pool's
  // tenant), a tenth in the wave being observed, the rest in later waves.
  const members = new Map<string, Member>();
  meta.populationIds.forEach((id, i) => {
    members.set(id, { waveIndex: i % 10, stage: i % 10 === 0 ? "enforced" : "reportOnly" });
  });
  const fresh = () => ({
    wave: createCounters(meta.reportOnlyPolicyId),
    control: createCounters(meta.reportOnlyPolicyId),
  });
  // Warm-up: let both paths get optimised before anything is timed.
  await alternate(pages, pages.length, meta, members, fresh());
  global.gc?.();
  // One read of the whole target through one fold, with (a) timed between its stretches: a and b
  // alternate every ROUND_PAGES pages, so machine drift during the run falls on both sides.
  const counters = fresh();
  const { parse, path, items, counted, rounds } = await alternate(
    pages,
    total,
    meta,
    members,
    counters,
    request.continuedLog,
  );
  const countersJsonBytes =
    serializeCounters(counters.wave).length + serializeCounters(counters.control).length;
  const countersUsers = Object.keys(counters.wave.users).length + Object.keys(counters.control.users).length;
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
  global.gc?.();
  return {
    signIns: items,
    pages: total,
    poolPages: pages.length,
    parseSeconds: parse.cpu,
    pathSeconds: path.cpu,
    parseWallSeconds: parse.wall,
    pathWallSeconds: path.wall,
    rounds,
    counted,
    countersUsers,
    countersJsonBytes,
    peakRssMb,
    heapAfterGcMb: process.memoryUsage().heapUsed / 1e6,
  };
}

process.once("message", (request: ChildRequest) => {
  main(request).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.(
        { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        () => process.exit(1),
      ),
  );
});
