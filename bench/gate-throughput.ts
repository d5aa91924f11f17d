/**
 * GATE THROUGHPUT: how much the gate counters cost on top of reading the sign-in log at all.
 * Sign-in pages are pre-rendered once (a pool of distinct pages, see sign-in-pages.ts, served as
 * one log read newest first: page-pool-transport.ts), then a child process times JSON.parse alone
 * and the collect activity's real path over the same pages, for 1,000,000 and 5,000,000
 * sign-ins, and reports its own peak RSS.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { figure } from "./bench-goal";
import type { BenchFigure, BenchRunOptions, BenchSection } from "./bench-types";
import type { ChildRequest, ChildResult, PoolMeta } from "./gate-throughput-child";
import { renderSignInPagePool } from "./sign-in-pages";
import { transpileForChild } from "./transpile-for-child";

const TENANT_USERS = 50_000;
const POOL_PAGES = 24;
const STRIDE = 4;

/** The child's script: plain JS, so no TypeScript compiler sits in the memory it measures. */
function childScript(): string {
  if (!__filename.endsWith(".ts")) return path.join(__dirname, "gate-throughput-child.js");
  const root = transpileForChild([
    "bench/gate-throughput-child.ts",
    "bench/page-pool-transport.ts",
    "shared/domain",
    "shared/ingest",
    "shared/graph",
    "shared/store/stored-counters.ts",
    "shared/store/stored-tally.ts",
  ]);
  return path.join(root, "bench", "gate-throughput-child.js");
}

function runChild(script: string, request: ChildRequest): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      execArgv: ["--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let settled = false;
    child.once("message", (message: { ok: boolean; result?: ChildResult; error?: string }) => {
      settled = true;
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`gate-throughput child failed: ${message.error}`));
    });
    child.once("exit", (code) => {
      if (!settled) reject(new Error(`gate-throughput child exited with ${code} before reporting`));
    });
    child.send(request);
  });
}

export async function run(opts: BenchRunOptions): Promise<BenchSection> {
  const targets = opts.quick ? [1_000_000] : [1_000_000, 5_000_000];
  const pool = renderSignInPagePool({ tenantUsers: TENANT_USERS, pages: POOL_PAGES, stride: STRIDE });
  const poolBytes = pool.pages.reduce((sum, p) => sum + p.length, 0);
  opts.log(
    `pool: ${pool.pages.length} pages of ${pool.pageSize} sign-ins (${(poolBytes / 1e6).toFixed(0)} MB of JSON, ` +
      `${pool.distinctUsers.toLocaleString("en-US")} distinct users of ${pool.populationIds.length.toLocaleString("en-US")}) ` +
      `rendered in ${(pool.renderMs / 1000).toFixed(1)} s`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), "ca-bench-pages-"));
  const poolFile = path.join(dir, "pool.jsonl");
  const meta: PoolMeta = {
    pageSize: pool.pageSize,
    populationIds: pool.populationIds,
    reportOnlyPolicyId: pool.reportOnlyPolicyId,
    // The pool is 11 hours of 6 January, continued a day earlier per cycle (209 cycles at 5M):
    // the stretch holds them all, as a read's counted stretch holds the rows it reads.
    from: "2025-01-01T00:00:00Z",
    to: "2026-01-07T00:00:00Z",
  };
  writeFileSync(poolFile, [JSON.stringify(meta), ...pool.pages].join("\n"));
  const script = childScript();
  const figures: BenchFigure[] = [];
  const runs: (ChildResult & { target: number })[] = [];
  try {
    for (const target of targets) {
      const r = await runChild(script, { poolFile, signIns: target, continuedLog: true });
      runs.push({ ...r, target });
      const parseRate = r.signIns / r.parseSeconds;
      const pathRate = r.signIns / r.pathSeconds;
      opts.log(
        `${target.toLocaleString("en-US")} sign-ins: JSON.parse ${Math.round(parseRate).toLocaleString("en-US")}/s ` +
          `(${r.parseSeconds.toFixed(2)} s), parse + counters ${Math.round(pathRate).toLocaleString("en-US")}/s ` +
          `(${r.pathSeconds.toFixed(2)} s; CPU seconds, wall ${r.parseWallSeconds.toFixed(1)} / ${r.pathWallSeconds.toFixed(1)} s), ratio ${(pathRate / parseRate).toFixed(3)}, counted ${r.counted.toLocaleString("en-US")}, ` +
          `peak RSS ${r.peakRssMb.toFixed(0)} MB, heap after GC ${r.heapAfterGcMb.toFixed(0)} MB`,
      );
      const n = `${target / 1_000_000}M`;
      figures.push(
        figure(`${n}: counters path / JSON.parse throughput`, pathRate / parseRate, "×", {
          op: ">=",
          value: 0.8,
        }),
        figure(`${n}: JSON.parse alone`, Math.round(parseRate), "sign-ins/s"),
        figure(`${n}: parse + gateway + counters`, Math.round(pathRate), "sign-ins/s"),
        figure(`${n}: peak RSS`, Math.round(r.peakRssMb), "MB", { op: "<", value: 200 }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    name: "gate-throughput",
    figures,
    details: {
      pool: {
        pages: pool.pages.length,
        pageSize: pool.pageSize,
        jsonBytes: poolBytes,
        distinctUsers: pool.distinctUsers,
        tenantUsers: pool.populationIds.length,
        renderMs: pool.renderMs,
      },
      runs,
    },
  };
}
