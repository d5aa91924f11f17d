import path from "node:path";
import type { BenchSectionRun } from "./bench-types";

/** Every section `npm run bench` knows, in run order: name → module file (beside this one). */
export const BENCH_SECTIONS: readonly { name: string; module: string }[] = [
  { name: "packing", module: "packing" },
  { name: "gate-throughput", module: "gate-throughput" },
  { name: "history", module: "history" },
  { name: "read-amplification", module: "read-amplification" },
  { name: "scale", module: "scale" },
  { name: "graph-efficiency", module: "graph-efficiency" },
];

export type LoadedSection = { kind: "ready"; run: BenchSectionRun } | { kind: "notBuilt"; reason: string };

/**
 * Loads a section module by name. A section whose file does not exist yet is reported as not
 * built instead of stopping the other sections; any other load error (a syntax or import error
 * inside an existing file) is a real failure and is rethrown.
 */
export function loadSection(module: string): LoadedSection {
  const file = path.join(__dirname, module);
  let resolved: string;
  try {
    resolved = require.resolve(file);
  } catch {
    return { kind: "notBuilt", reason: `bench/${module}.ts does not exist` };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(resolved) as { run?: unknown };
  if (typeof loaded.run !== "function") {
    return { kind: "notBuilt", reason: `bench/${module}.ts exports no run() function` };
  }
  return { kind: "ready", run: loaded.run as BenchSectionRun };
}
