import { stripControlDeep } from "../../shared/text/terminal-safe";
import { heldBackFate } from "../../shared/report/held-back-fate";
import type { TimeFormat } from "../../shared/report/zoned-time";
import { outsideWavesLines } from "./outside-waves-table";
import type { RehearsalSummary } from "./summary";

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

const CAUGHT_BY: Readonly<Record<string, string>> = {
  readiness: "before enforcement",
  health: "in the bake",
  watch: "by the watch",
};

/** The end of a rehearsal, readable at a glance. */
export function printSummary(raw: RehearsalSummary, finished: boolean, time: TimeFormat): void {
  // Wave names, UPNs and reasons come from the plan and the directory: shown, not obeyed.
  const summary = stripControlDeep(raw);
  const lines = [
    "",
    `Rollout ${summary.rolloutId} on scenario ${summary.scenario}: ${summary.status}${finished ? "" : " (not finished by the deadline)"} after ${summary.virtualDays} virtual days`,
    "",
    table([
      ["wave", "planned", "enforced", "held back", "excluded", "decisions"],
      ...summary.waves.map((w) => [
        w.name,
        String(w.planned),
        String(w.enforced),
        String(w.heldBack),
        String(w.excluded),
        w.decisions.map((d) => d.decision).join(" → "),
      ]),
    ]),
    "",
    `Users: ${Object.entries(summary.users)
      .map(([stage, n]) => `${stage} ${n}`)
      .join(", ")}`,
  ];
  if (summary.heldBack.length > 0) {
    lines.push("", "Held back (back under report-only):");
    for (const user of summary.heldBack) {
      const caught = user.caught
        ? `caught ${time(user.caught.at)} ${CAUGHT_BY[user.caught.gate] ?? `by the ${user.caught.gate} gate`}; `
        : "";
      lines.push(
        `  ${user.upn || user.userId}: ${user.reason} (${caught}${heldBackFate(user.retryAt, time)})`,
      );
    }
  }
  lines.push(...outsideWavesLines(summary.outsideWaves));
  lines.push(
    "",
    `Graph: ${summary.graph.requests} requests, ${summary.graph.writeRequests} writes, ${summary.graph.throttled} throttled, ${summary.graph.signInPagesRead} sign-in pages read`,
  );
  console.log(lines.join("\n"));
}
