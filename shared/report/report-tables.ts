import { heldBackFate } from "./held-back-fate";
import type { TimeFormat } from "./zoned-time";
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

/** "01-05 07:00 +00:00 → 01-08 07:00 +00:00": the year is elsewhere, and the table stays narrow. */
function window(time: TimeFormat, from?: string, to?: string): string {
  if (!from) return "";
  const short = (iso: string) => time(iso).slice(5);
  return `${short(from)} → ${to ? short(to) : "…"}`;
}

export function wavesTable(waves: readonly ReportWave[], time: TimeFormat): string {
  return table(
    [
      "#",
      "wave",
      "phase",
      "planned",
      "enforced",
      "held back",
      "excluded",
      "observe / bake",
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
          esc(window(time, w.observeStartedAt, w.observeEndsAt)),
          el("div", {}, esc(window(time, w.bakeStartedAt, w.bakeEndsAt))),
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

export function heldBackTable(users: readonly HeldBackUser[], time: TimeFormat): string {
  return table(
    ["user", "wave", "reason", "held back since", "next", "retries"],
    users.map((u) =>
      el(
        "tr",
        { "data-user": u.userId },
        el("td", {}, esc(u.upn || u.userId), u.upn ? el("div", { class: "sub" }, esc(u.userId)) : ""),
        text(u.waveName),
        text(u.reason),
        text(time(u.since), "time"),
        text(heldBackFate(u.retryAt, time), "time"),
        num(u.retries),
      ),
    ),
    "Nobody is held back.",
  );
}

export function auditTable(
  lines: readonly AuditLine[],
  waveNames: ReadonlyMap<number, string>,
  time: TimeFormat,
): string {
  return table(
    ["time", "actor", "action", "wave", "details"],
    lines.map((line) =>
      el(
        "tr",
        { class: line.entries > 1 ? "folded" : undefined, "data-action": line.action },
        el(
          "td",
          { class: "time" },
          esc(time(line.at)),
          line.entries > 1 && line.until
            ? el("div", { class: "sub" }, esc(`to ${time(line.until)} · ${line.entries} checks`))
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
