import { timeFormat, UTC } from "../../shared/report/zoned-time";
import type { RolloutLine } from "./status-model";
import { textTable } from "./text-table";

/** Statuses an operator must read the reason of: something is waiting for them or went wrong. */
const NEEDS_A_REASON = new Set(["paused", "failed", "waitingForApproval", "waitingForWindow"]);

export function waveLabel(line: RolloutLine): string {
  return line.wave ? `${line.wave.number}/${line.wave.of} ${line.wave.name}` : "-";
}

/** Every rollout, one row each, with the reason under the ones that wait or stopped. */
export function formatRolloutList(
  lines: readonly RolloutLine[],
  source: string,
  options: { utc?: boolean } = {},
): string {
  if (lines.length === 0) return `No rollouts in ${source}.`;
  const table = textTable(
    ["ROLLOUT", "STATUS", "WAVE", "ENFORCED", "HELD BACK", "EXCLUDED", "REPORT-ONLY", "PENDING", "UPDATED"],
    lines.map((line) => [
      line.id,
      line.status,
      waveLabel(line),
      String(line.counts.enforced),
      String(line.counts.heldBack),
      String(line.counts.excluded),
      String(line.counts.reportOnly),
      String(line.counts.pending),
      timeFormat(options.utc ? UTC : line.timeZone)(line.updatedAt),
    ]),
  );
  const reasons = lines
    .filter((line) => line.statusReason && NEEDS_A_REASON.has(line.status))
    .map((line) => `  ${line.id} is ${line.status}: ${line.statusReason}`);
  return [table, ...(reasons.length > 0 ? ["", ...reasons] : [])].join("\n");
}
