/**
 * `npm run bench [-- --quick] [-- --only <section>]`: runs every benchmark section, prints one
 * table (section, figure, value, goal, met) and writes bench/results.json. Sections live in
 * bench/<name>.ts and export `run(opts): Promise<BenchSection>`; one that is not there yet is
 * listed as not built, one that throws is listed as failed, and the others still run.
 */
import { Command } from "commander";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { meetsGoal } from "./bench-goal";
import {
  machineInfo,
  markdownTable,
  textTable,
  type BenchResults,
  type SectionOutcome,
} from "./bench-report";
import { BENCH_SECTIONS, loadSection } from "./bench-sections";

interface CliOptions {
  quick: boolean;
  only?: string[];
  out?: string;
  markdown: boolean;
}

async function main(): Promise<number> {
  const names = BENCH_SECTIONS.map((s) => s.name);
  const program = new Command()
    .name("bench")
    .description("CA Wave Rollout benchmarks (see BENCHMARKS.md)")
    .option("--quick", "reduced sizes: the whole run stays under 3 minutes", false)
    .option("--only <section...>", `run only these sections (${names.join(", ")})`)
    .option(
      "--out <file>",
      "results file (default bench/results.json; bench/results.partial.json with --only)",
    )
    .option("--markdown", "also print the table as Markdown", false)
    .showHelpAfterError();
  program.parse();
  const options = program.opts<CliOptions>();
  const unknown = (options.only ?? []).filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    program.error(`unknown section(s) ${unknown.join(", ")}; known: ${names.join(", ")}`);
  }
  const selected = BENCH_SECTIONS.filter((s) => !options.only || options.only.includes(s.name));
  const started = Date.now();
  const outcomes: SectionOutcome[] = [];
  for (const { name, module } of selected) {
    const loaded = loadSection(module);
    if (loaded.kind === "notBuilt") {
      console.log(`== ${name}: not built (${loaded.reason})`);
      outcomes.push({ name, status: "notBuilt", reason: loaded.reason });
      continue;
    }
    console.log(`== ${name}${options.quick ? " (quick)" : ""}`);
    const sectionStarted = Date.now();
    try {
      const section = await loaded.run({ quick: options.quick, log: (line) => console.log(`  ${line}`) });
      for (const f of section.figures) if (f.goal && f.met === undefined) f.met = meetsGoal(f.value, f.goal);
      const seconds = (Date.now() - sectionStarted) / 1000;
      console.log(`   ${name} done in ${seconds.toFixed(1)} s`);
      outcomes.push({ name, status: "ok", seconds, section });
    } catch (error) {
      const seconds = (Date.now() - sectionStarted) / 1000;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`   ${name} FAILED after ${seconds.toFixed(1)} s: ${message}`);
      outcomes.push({ name, status: "failed", seconds, error: message });
    }
  }
  const results: BenchResults = {
    date: new Date().toISOString(),
    mode: options.quick ? "quick" : "full",
    command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(
      " ",
    ),
    machine: machineInfo(),
    totalSeconds: (Date.now() - started) / 1000,
    sections: outcomes,
  };
  const out = path.resolve(
    options.out ?? path.join(__dirname, options.only ? "results.partial.json" : "results.json"),
  );
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log("");
  console.log(textTable(outcomes));
  if (options.markdown) console.log(`\n${markdownTable(outcomes)}`);
  const missed = outcomes.flatMap((o) =>
    o.status === "ok" ? o.section.figures.filter((f) => f.goal && !f.met) : [],
  );
  console.log(
    `\n${results.mode} run, ${results.totalSeconds.toFixed(0)} s on ${results.machine.cpus} × ${results.machine.cpuModel}, ` +
      `node ${results.machine.node}; ${missed.length} goal(s) missed; results in ${path.relative(process.cwd(), out)}`,
  );
  return outcomes.some((o) => o.status === "failed") ? 1 : 0;
}

main().then(
  (code) => {
    // Sections may leave handles (servers, Azurite) behind on failure: the run is over either way.
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
