import { isFinalStatus, USER_STAGES, VERDICTS } from "../domain";
import { percent, span } from "./format";
import { el, esc } from "./html";
import type { ReportModel, WaveGateSeries } from "./report-model";
import { REPORT_CSP, REPORT_CSS } from "./report-style";
import { outsideWavesSection } from "./outside-waves-table";
import { auditTable, heldBackTable, wavesTable } from "./report-tables";
import { healthChartSvg, readinessChartSvg } from "./svg-gate-chart";
import { stageChartSvg } from "./svg-stage-chart";
import { timeFormat, type TimeFormat } from "./zoned-time";

const ATTENTION = new Set(["paused", "failed", "aborted", "waitingForApproval"]);

/**
 * The rollout report as one self-contained HTML page: inline CSS, charts as inline SVG, no
 * script and nothing fetched, so the same page works saved to disk and served behind a strict
 * Content-Security-Policy. Every value from the tables is escaped.
 */
export function renderReport(model: ReportModel): string {
  const { rollout } = model;
  const title = `Rollout ${rollout.id} — ${rollout.status}`;
  return `<!doctype html>\n${el(
    "html",
    { lang: "en" },
    el(
      "head",
      {},
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="referrer" content="no-referrer">',
      el("title", {}, esc(title)),
      el("style", {}, REPORT_CSS),
    ),
    el(
      "body",
      {},
      el(
        "main",
        {},
        header(model),
        tiles(model),
        el(
          "section",
          { id: "stage-chart", "data-testid": "stage-chart" },
          el("h2", {}, "Users by stage over time"),
          el(
            "p",
            { class: "note" },
            model.stages.reconciled
              ? "Replayed from the audit log; the log did not account for every change, so the last step shows the users table's counts."
              : "Replayed from the audit log: every stage change the engine or an admin made. Dashed lines: a wave's enforcement.",
          ),
          stageChartSvg(model.stages),
        ),
        el(
          "section",
          { id: "gate-charts", "data-testid": "gate-charts" },
          el("h2", {}, "Gates per wave"),
          el(
            "p",
            { class: "note" },
            "Readiness: share of the wave's users the report-only policy would have failed, against the limit. Health: the wave's MFA-failure rate since enforcement minus its own baseline and minus the not-yet-enforced control cohort, with confidence bounds, against the allowed excess.",
          ),
          el(
            "p",
            { class: "verdicts" },
            "Dots: the verdict of each check —",
            ...VERDICTS.map((v) => el("span", {}, el("i", { class: `verdict-${v}` }), esc(v))),
          ),
          model.gates.length === 0
            ? el("p", { class: "empty" }, "No waves yet.")
            : el(
                "div",
                { class: "gate-grid" },
                ...model.gates.map((series) => gateCard(series, timeFormat(model.timeZone))),
              ),
        ),
        el(
          "section",
          { id: "waves", "data-testid": "waves" },
          el("h2", {}, "Waves"),
          wavesTable(model.waves, timeFormat(model.timeZone)),
        ),
        el(
          "section",
          { id: "held-back", "data-testid": "held-back" },
          el("h2", {}, `Held back (${rollout.counts.heldBack})`),
          el(
            "p",
            { class: "note" },
            model.heldBackTruncated
              ? `Back under report-only and retried later. Showing the first ${model.heldBack.length}; GET /api/rollouts/${esc(rollout.id)}/users?stage=heldBack lists them all.`
              : "Back under report-only and retried on their retry date (or on retry-held-back).",
          ),
          heldBackTable(model.heldBack, timeFormat(model.timeZone)),
        ),
        outsideWavesSection(model.outsideWaves),
        el(
          "section",
          { id: "audit", "data-testid": "audit" },
          el("h2", {}, "Audit timeline"),
          el(
            "p",
            { class: "note" },
            esc(
              `${model.auditEntries} entries, oldest first, times in ${model.timeZone}; runs of routine health checks with the same verdict are folded into one line.`,
            ),
          ),
          auditTable(
            model.audit,
            new Map(model.waves.map((w) => [w.index, w.name])),
            timeFormat(model.timeZone),
          ),
        ),
        el(
          "footer",
          {},
          esc(
            `Generated ${timeFormat(model.timeZone)(model.generatedAt)} from the rollouts, waves, users, gates and audit tables (PartitionKey ${rollout.id}).`,
          ),
        ),
      ),
    ),
  )}\n`;
}

function header(model: ReportModel): string {
  const { rollout } = model;
  const time = timeFormat(model.timeZone);
  const attention = ATTENTION.has(rollout.status) && rollout.statusReason;
  return (
    el(
      "header",
      { class: "report" },
      el("h1", {}, esc(`Rollout ${rollout.id}`)),
      el(
        "span",
        { class: `status status-${rollout.status}`, "data-testid": "status", "data-status": rollout.status },
        esc(rollout.status),
      ),
      rollout.description ? el("p", { class: "description" }, esc(rollout.description)) : "",
      el(
        "div",
        { class: "meta" },
        esc(
          [
            `started ${time(rollout.createdAt)} by ${rollout.createdBy}`,
            rollout.statusReason && !attention ? rollout.statusReason : "",
          ]
            .filter(Boolean)
            .join(" · "),
        ),
      ),
    ) +
    (attention
      ? el(
          "div",
          { class: `callout status-${rollout.status}`, role: "status", "data-testid": "status-reason" },
          el("strong", {}, esc(`${rollout.status}: `)),
          esc(rollout.statusReason ?? ""),
        )
      : "")
  );
}

function tiles(model: ReportModel): string {
  const { counts } = model.rollout;
  const population = USER_STAGES.reduce((sum, stage) => sum + counts[stage], 0);
  const share = (n: number) => (population === 0 ? "" : `${percent(n / population)} of users`);
  const done = model.waves.filter((w) => w.phase === "completed").length;
  const decisions = model.gates.flatMap((g) => [...g.readiness, ...g.health]);
  const shrinks = decisions.filter((d) => d.decision === "shrink").length;
  const pauses = decisions.filter((d) => d.decision === "pause").length;
  const end = isFinalStatus(model.rollout.status)
    ? (model.stages.points.at(-1)?.at ?? model.rollout.updatedAt)
    : model.generatedAt;
  const tile = (className: string, label: string, value: string | number, sub = "") =>
    el(
      "div",
      { class: `tile ${className}`, "data-testid": `tile-${className}` },
      el("div", { class: "label" }, esc(label)),
      el("div", { class: "value" }, esc(value)),
      sub ? el("div", { class: "sub" }, esc(sub)) : "",
    );
  return el(
    "div",
    { class: "tiles", id: "summary" },
    tile("population", "users", population),
    tile("enforced", "enforced", counts.enforced, share(counts.enforced)),
    tile("heldBack", "held back", counts.heldBack, share(counts.heldBack)),
    tile("excluded", "excluded", counts.excluded, share(counts.excluded)),
    tile("reportOnly", "report-only", counts.reportOnly + counts.pending, "not enforced yet"),
    tile("waves", "waves done", `${done} / ${model.waves.length}`),
    tile("decisions", "shrink / pause", `${shrinks} / ${pauses}`, `${decisions.length} gate checks`),
    tile(
      "duration",
      isFinalStatus(model.rollout.status) ? "took" : "running for",
      span(model.rollout.createdAt, end) || "—",
    ),
  );
}

function gateCard(series: WaveGateSeries, time: TimeFormat): string {
  const last = [...series.readiness, ...series.health].sort((a, b) => (a.at < b.at ? -1 : 1)).at(-1);
  return el(
    "div",
    { class: "gate-card", "data-wave": series.waveIndex },
    el("h3", {}, esc(`Wave ${series.waveIndex + 1} · ${series.waveName}`)),
    el(
      "p",
      { class: "last" },
      esc(
        last
          ? `last check ${time(last.at)}: ${last.verdict} → ${last.decision ?? ""}. ${last.reason}`
          : "not evaluated yet",
      ),
    ),
    el("h4", {}, "Readiness gate"),
    readinessChartSvg(series.readiness, series.waveIndex),
    el("h4", {}, "Health gate (bake)"),
    healthChartSvg(series.health, series.waveIndex),
  );
}
