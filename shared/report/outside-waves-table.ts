import { el, esc } from "./html";
import type { OutsideWavesSection } from "./report-model";
import { table } from "./report-tables";

/**
 * Service accounts and users in no wave, apart from the waves: they are decided by the plan's
 * `serviceAccounts` and `remainder` rules, not by gates, so they get their own table.
 */
export function outsideWavesSection(outside: OutsideWavesSection | undefined): string {
  if (!outside || (outside.users.length === 0 && outside.withoutReason === 0)) return "";
  const rule = outside.remainderRule ? `remainder "${outside.remainderRule.action}"` : "no remainder rule";
  const note =
    `Decided by the plan, not by a gate: serviceAccounts "${outside.serviceAccounts?.action ?? "hold"}", ${rule}.` +
    (outside.withoutReason > 0
      ? ` ${outside.withoutReason} user(s) sit in report-only with no stated reason.`
      : "");
  const rows = outside.users.map((u) =>
    el(
      "tr",
      { "data-user": u.userId },
      el("td", {}, esc(u.upn || u.userId), u.upn ? el("div", { class: "sub" }, esc(u.userId)) : ""),
      el("td", {}, esc(u.serviceAccount ? "service account" : "in no wave")),
      el("td", {}, esc(u.stage)),
      el("td", {}, esc(u.reason || "no reason stated")),
      el("td", {}, esc(u.evidence ?? "")),
    ),
  );
  return el(
    "section",
    { id: "outside-waves", "data-testid": "outside-waves" },
    el("h2", {}, `Service accounts and users in no wave (${outside.users.length})`),
    el("p", { class: "note" }, esc(note)),
    table(["user", "why outside", "stage", "reason", "evidence"], rows, "Nobody."),
  );
}
