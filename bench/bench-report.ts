import os from "node:os";
import type { BenchFigure, BenchSection } from "./bench-types";

export type SectionOutcome =
  | { name: string; status: "ok"; seconds: number; section: BenchSection }
  | { name: string; status: "notBuilt"; reason: string }
  | { name: string; status: "failed"; seconds: number; error: string };

export interface BenchResults {
  date: string;
  mode: "quick" | "full";
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryGb: number;
    platform: string;
    node: string;
  };
  totalSeconds: number;
  sections: SectionOutcome[];
}

export function machineInfo(): BenchResults["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Numbers to 3 significant figures, with thousands separators for large ones. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString("en-US");
  return value.toPrecision(3);
}

function goalText(f: BenchFigure): string {
  if (!f.goal) return "";
  const v = f.goal.value;
  // Goals are round numbers: print them as written (2.6, not 2.60).
  return `${f.goal.op} ${Number.isInteger(v) ? formatValue(v) : String(Number(v.toPrecision(3)))}`;
}

function metText(f: BenchFigure): string {
  if (!f.goal) return "";
  return f.met ? "yes" : "NO";
}

/** Rows of [section, figure, value, goal, met] for every outcome. */
export function tableRows(outcomes: readonly SectionOutcome[]): string[][] {
  const rows: string[][] = [];
  for (const o of outcomes) {
    if (o.status === "notBuilt") rows.push([o.name, "(not built)", o.reason, "", ""]);
    else if (o.status === "failed") rows.push([o.name, "(failed)", o.error.split("\n")[0] ?? "", "", ""]);
    else {
      for (const f of o.section.figures) {
        rows.push([o.name, f.label, `${formatValue(f.value)} ${f.unit}`.trim(), goalText(f), metText(f)]);
      }
    }
  }
  return rows;
}

const HEADER = ["section", "figure", "value", "goal", "met"];

/** A fixed-width table for the terminal. */
export function textTable(outcomes: readonly SectionOutcome[]): string {
  const rows = [HEADER, ...tableRows(outcomes)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(HEADER), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

/** The same table in Markdown, for BENCHMARKS.md. */
export function markdownTable(outcomes: readonly SectionOutcome[]): string {
  const rows = tableRows(outcomes).map((r) => r.map((cell) => cell.replace(/\|/g, "\\|")));
  return [
    `| ${HEADER.join(" | ")} |`,
    `| ${HEADER.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
