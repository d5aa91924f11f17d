import { shortTime } from "./format";
import { el, esc } from "./html";
import type { AuditLine, HeldBackUser, ReportWave } from "./report-model";

export function table(headers: readonly string[], rows: readonly string[], empty: string): string {
  const body =
    rows.length > 0
      ? rows.join("")
      : el("tr", { class: "empty-row" }, el("td", { colspan: headers.length }, esc(empty)));
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      {},
      el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, esc(h))))),
      el("tbody", {}, body),
    ),
  );
}

const num = (n: number) => el("td", { class: "num" }, esc(n));
const text = (s: string, className?: string) => el("td", className ? { class: className } : {}, esc(s));

/** "01-05 07:00 → 01-08 07:00": the year is in the header, and the table stays narrow. */
function window(from?: string, to?: string): string {
  if (!from) return "";
  const short = (iso: string) => shortTime(iso).slice(5);
  return `${short(from)} → ${to ? short(to) : "…"}`;
}

export function wavesTable(waves: readonly ReportWave[]): string {
  return table(
    [
      "#",
      "wave",
      "phase",
      "planned",
      "enforced",
      "held back",
      "excluded",
      "observe / bake (UTC)",
      "ext.",
      "last decision",
    ],
    waves.map((w) =>
      el(
        "tr",
        { "data-wave": w.index },
        num(w.index + 1),
        text(w.name, "strong"),
        el("td", {}, el("span", { class: `pill phase-${w.phase}` }, esc(w.phase))),
        num(w.planned),
        num(w.enforced),
        num(w.heldBack),
        num(w.excluded),
        el(
          "td",
          { class: "time" },
          esc(window(w.observeStartedAt, w.observeEndsAt)),
          el("div", {}, esc(window(w.bakeStartedAt, w.bakeEndsAt))),
        ),
        num(w.extensions),
        el(
          "td",
          {},
          w.lastDecision
            ? el(
                "span",
                { class: `pill decision-${w.lastDecision.decision}` },
                esc(w.lastDecision.decision),
              ) + el("div", { class: "sub" }, esc(w.lastDecision.reason ?? ""))
            : "",
        ),
      ),
    ),
    "No waves yet: setup has not run.",
  );
}

export function heldBackTable(users: readonly HeldBackUser[]): string {
  return table(
    ["user", "wave", "reason", "held back since", "retry at", "retries"],
    users.map((u) =>
      el(
        "tr",
        { "data-user": u.userId },
        el("td", {}, esc(u.upn || u.userId), u.upn ? el("div", { class: "sub" }, esc(u.userId)) : ""),
        text(u.waveName),
        text(u.reason),
        text(shortTime(u.since), "time"),
        text(u.retryAt ? shortTime(u.retryAt) : "admin retry only", "time"),
        num(u.retries),
      ),
    ),
    "Nobody is held back.",
  );
}

export function auditTable(lines: readonly AuditLine[], waveNames: ReadonlyMap<number, string>): string {
  return table(
    ["time (UTC)", "actor", "action", "wave", "details"],
    lines.map((line) =>
      el(
        "tr",
        { class: line.entries > 1 ? "folded" : undefined, "data-action": line.action },
        el(
          "td",
          { class: "time" },
          esc(shortTime(line.at)),
          line.entries > 1 && line.until
            ? el("div", { class: "sub" }, esc(`to ${shortTime(line.until)} · ${line.entries} checks`))
            : "",
        ),
        el(
          "td",
          { class: "actor" },
          esc(line.actor),
          line.actorName ? el("div", { class: "sub" }, esc(line.actorName)) : "",
        ),
        el("td", {}, el("code", {}, esc(line.action))),
        text(
          line.waveIndex === undefined ? "" : (waveNames.get(line.waveIndex) ?? String(line.waveIndex + 1)),
        ),
        text(line.summary),
      ),
    ),
    "Nothing audited yet.",
  );
}
