import { heldBackFate } from "../../shared/report/held-back-fate";
import { timeFormat, UTC } from "../../shared/report/zoned-time";
import { formatGate } from "./format-gate";
import { waveLabel } from "./format-list";
import { MAX_LISTED_USERS, type RolloutDetail, type UserLine } from "./status-model";
import { textTable } from "./text-table";

function users(
  title: string,
  until: string,
  list: readonly UserLine[],
  cell: (until: string | undefined) => string,
): string[] {
  if (list.length === 0) return [];
  const more = list.length >= MAX_LISTED_USERS ? ` (first ${MAX_LISTED_USERS})` : "";
  return [
    "",
    `${title} (${list.length})${more}`,
    textTable(
      ["USER", "WAVE", until, "REASON"],
      list.map((u) => [u.upn || u.userId, u.wave, cell(u.until), u.reason]),
    ),
  ];
}

/** One rollout as an operator reads it: status and why, waves, who is out and why, the last gates. */
export function formatRolloutDetail(detail: RolloutDetail, options: { utc?: boolean } = {}): string {
  const { rollout } = detail;
  const time = timeFormat(options.utc ? UTC : rollout.timeZone);
  const counts = rollout.counts;
  const lines = [
    `Rollout ${rollout.id}: ${rollout.status}${rollout.statusReason ? ` — ${rollout.statusReason}` : ""}`,
    `  wave ${waveLabel(rollout)} · started by ${rollout.createdBy} at ${time(rollout.createdAt)} under orchestration v${rollout.orchestrationVersion} · updated ${time(rollout.updatedAt)}`,
    `  users: ${counts.enforced} enforced, ${counts.heldBack} held back, ${counts.excluded} excluded, ${counts.reportOnly} report-only, ${counts.pending} pending`,
    "",
    "Waves",
    textTable(
      ["WAVE", "PHASE", "PLANNED", "ENFORCED", "HELD BACK", "EXCLUDED", "EXTENSIONS", "LAST DECISION"],
      detail.waves.map((w) => [
        w.name,
        w.phase,
        String(w.planned),
        String(w.enforced),
        String(w.heldBack),
        String(w.excluded),
        String(w.extensions),
        w.lastDecision ? `${w.lastDecision.decision} at ${time(w.lastDecision.at)}` : "-",
      ]),
    ),
    ...users("Held back", "NEXT", detail.heldBack, (at) => heldBackFate(at, time)),
    ...users("Excluded", "UNTIL", detail.excluded, time),
  ];
  if (detail.lastGates.length > 0) {
    lines.push("", "Last gate of each wave");
    for (const gate of detail.lastGates) lines.push(...formatGate(gate, time));
  }
  return lines.join("\n");
}
