import type { AuditEntry } from "../store";
import type { AuditLine } from "./report-model";
import { timeFormat, UTC, type TimeFormat } from "./zoned-time";

/**
 * The audit log as an operator reads it: one line per entry with its details in words, except
 * that a run of routine health checks (same wave, same verdict, "proceed") folds into one line;
 * six weeks of checks every six hours would otherwise bury the decisions that mattered.
 */
export function auditTimeline(audit: readonly AuditEntry[], time: TimeFormat = timeFormat(UTC)): AuditLine[] {
  const lines: AuditLine[] = [];
  let run: { line: AuditLine; key: string } | undefined;
  for (const entry of audit) {
    const key = routineKey(entry);
    if (key !== undefined && run?.key === key) {
      run.line.entries += 1;
      run.line.until = entry.at;
      run.line.summary = summarize(entry, time);
      continue;
    }
    const line: AuditLine = {
      at: entry.at,
      actor: entry.actor,
      ...(entry.actorName && entry.actorName !== entry.actor ? { actorName: entry.actorName } : {}),
      action: entry.action,
      ...(entry.waveIndex !== undefined ? { waveIndex: entry.waveIndex } : {}),
      summary: summarize(entry, time),
      entries: 1,
    };
    lines.push(line);
    run = key === undefined ? undefined : { line, key };
  }
  return lines;
}

function routineKey(entry: AuditEntry): string | undefined {
  if (entry.action !== "decision:proceed" || entry.actor !== "system:health-gate") return undefined;
  return `${entry.waveIndex}|${String(details(entry).verdict)}`;
}

/** The entry's details in one line of words; unknown actions fall back to compact JSON. */
export function summarize(entry: AuditEntry, time: TimeFormat = timeFormat(UTC)): string {
  const d = details(entry);
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  if (entry.action.startsWith("decision:")) {
    const held = list(d.heldBack).length;
    return `${text(d.verdict)}: ${text(d.reason)}${held > 0 ? ` (holds back ${held} ${users(held)})` : ""}`;
  }
  if (entry.action.startsWith("status:") || entry.action.startsWith("request:")) return text(d.reason);
  switch (entry.action) {
    case "rollout:start":
      return `waves ${list(d.waves).map(String).join(", ")}`;
    case "setup":
      return `population ${String(d.population ?? "?")}: ${list(d.waves)
        .map(
          (w) => `${text((w as { name?: unknown }).name)} ${String((w as { users?: unknown }).users ?? "?")}`,
        )
        .join(
          ", ",
        )}${typeof d.unassigned === "number" && d.unassigned > 0 ? `, ${d.unassigned} in no wave` : ""}`;
    case "preflight":
      return d.ok === true ? "checks passed" : `problems: ${list(d.problems).map(String).join("; ")}`;
    case "wave:start":
      return `${String(d.users ?? "?")} users under report-only, observed ${time(text(d.observeFrom))} to ${time(text(d.observeUntil))}`;
    case "wave:enforce": {
      const missing = list(d.notFound).length;
      return `${String(d.enforced ?? "?")} users enforced in ${String(d.requests ?? "?")} Graph request(s)${missing > 0 ? `; ${missing} no longer in the directory` : ""}`;
    }
    case "wave:release-held-back":
      return `${list(d.users).length} held-back ${users(list(d.users).length)} out of the enforced group`;
    case "wave:step-back":
      return `${String(d.users ?? "?")} users back under report-only`;
    case "held-back:retry":
      return `${list(d.enforced).length} enforced, ${list(d.stillHeldBack).length} still held back`;
    case "exclusion:add":
      return `${text(d.userId)} excluded until ${time(text(d.expiresAt))}: ${text(d.reason)}`;
    case "exclusion:end":
      return `${text(d.userId)} back to ${text(d.stage)}: ${text(d.why)}`;
    default:
      if (entry.action.startsWith("wave:") && typeof d.reason === "string") {
        return `${d.reason} (${String(d.enforced ?? 0)} enforced, ${String(d.heldBack ?? 0)} held back)`;
      }
      if (entry.action.startsWith("rollout:")) return countsText(d.counts);
      return entry.details === undefined ? "" : truncate(JSON.stringify(entry.details), 240);
  }
}

function details(entry: AuditEntry): Record<string, unknown> {
  const d = entry.details;
  return typeof d === "object" && d !== null && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
}

function countsText(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  const c = value as Record<string, unknown>;
  return `enforced ${String(c.enforced ?? 0)}, held back ${String(c.heldBack ?? 0)}, excluded ${String(c.excluded ?? 0)}, report-only ${String(c.reportOnly ?? 0)}`;
}

function users(n: number): string {
  return n === 1 ? "user" : "users";
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
