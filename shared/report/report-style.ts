/**
 * The report's whole stylesheet, inlined: the page must render from a file or behind a strict
 * Content-Security-Policy with no request leaving it. Chart colours are classes, so the SVG
 * and the legend always agree.
 */
export const REPORT_CSS = `
:root { --ink:#1f2933; --muted:#616e7c; --line:#d9e2ec; --bg:#f5f7fa; --card:#fff;
  --enforced:#2f9e44; --heldBack:#e8590c; --excluded:#7048e8; --reportOnly:#4dabf7; --pending:#ced4da;
  --pass:#2f9e44; --fail:#e03131; --pendingv:#868e96; --inconclusive:#f59f00; --limit:#e03131; --baseline:#1971c2; --control:#7048e8; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink); background:var(--bg); }
main { max-width:1180px; margin:0 auto; padding:24px 28px 48px; }
header.report { display:flex; flex-wrap:wrap; align-items:baseline; gap:12px 18px; }
header.report h1 { font-size:24px; margin:0; }
.meta { color:var(--muted); font-size:13px; width:100%; }
.description { width:100%; margin:2px 0 0; }
.status { display:inline-block; padding:3px 12px; border-radius:999px; font-weight:600; font-size:13px; color:#fff; background:var(--pendingv); }
.status-running { background:var(--baseline); } .status-completed { background:var(--pass); }
.status-paused, .status-waitingForApproval { background:var(--inconclusive); color:#1f2933; }
.status-waitingForWindow { background:#5c7cfa; } .status-aborted, .status-failed { background:var(--fail); }
.callout { margin:16px 0 0; padding:10px 14px; border-left:4px solid var(--inconclusive); background:#fff8e6; border-radius:4px; }
.callout.status-failed, .callout.status-aborted { border-color:var(--fail); background:#fff0f0; }
.tiles { display:grid; grid-template-columns:repeat(auto-fit,minmax(130px,1fr)); gap:12px; margin:20px 0 8px; }
.tile { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px 14px; }
.tile .value { font-size:24px; font-weight:650; white-space:nowrap; }
.tile .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.tile .sub { color:var(--muted); font-size:12px; }
.tile.enforced .value { color:var(--enforced); } .tile.heldBack .value { color:var(--heldBack); }
.tile.excluded .value { color:var(--excluded); } .tile.reportOnly .value { color:var(--baseline); }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 18px; margin-top:18px; }
section h2 { font-size:17px; margin:0 0 4px; } section > p.note { margin:0 0 10px; color:var(--muted); font-size:13px; }
svg { width:100%; height:auto; display:block; font-size:11px; }
svg text { fill:var(--ink); } svg .axis line, svg .axis path { stroke:#9aa5b1; } svg .grid { stroke:#eef2f6; }
svg .axis-title { fill:var(--muted); } svg .empty { fill:var(--muted); font-size:14px; }
.stage-area { stroke:#fff; stroke-width:.5; }
.stage-enforced { fill:var(--enforced); } .stage-heldBack { fill:var(--heldBack); } .stage-excluded { fill:var(--excluded); }
.stage-reportOnly { fill:var(--reportOnly); } .stage-pending { fill:var(--pending); }
.marker line { stroke:#495057; stroke-dasharray:3 3; } .marker text { fill:#495057; font-size:10.5px; }
.gate-grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(480px,1fr)); gap:16px; }
.gate-card { border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
.gate-card h3 { margin:0 0 2px; font-size:15px; } .gate-card h4 { margin:10px 0 2px; font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
.gate-card .last { color:var(--muted); font-size:12.5px; margin:0 0 4px; }
.band { stroke:none; } .baseline-band { fill:var(--baseline); fill-opacity:.16; } .readiness-band { fill:var(--reportOnly); fill-opacity:.35; }
.series { fill:none; stroke-width:1.8; } .baseline-line { stroke:var(--baseline); fill:none; stroke-width:1.8; }
.control-line { stroke:var(--control); fill:none; stroke-width:1.4; } .dashed { stroke-dasharray:5 4; }
.threshold { stroke:var(--limit); stroke-width:1.6; stroke-dasharray:6 4; } .threshold-label { fill:var(--limit); font-weight:600; }
.zero { stroke:#adb5bd; stroke-width:1; }
.legend line { stroke-width:2.4; } .legend .threshold { stroke-width:2; }
.dot { stroke:#fff; stroke-width:1; } .verdict-Pass { fill:var(--pass); } .verdict-Fail { fill:var(--fail); }
.verdict-Pending { fill:var(--pendingv); } .verdict-Inconclusive { fill:var(--inconclusive); }
.decision line { stroke:var(--heldBack); stroke-width:1.4; } .decision text { fill:var(--heldBack); font-weight:600; }
.decision-pause line, .decision-abort line, .decision-stepBack line { stroke:var(--fail); }
.decision-pause text, .decision-abort text, .decision-stepBack text { fill:var(--fail); }
table { width:100%; border-collapse:collapse; font-size:13px; }
th { text-align:left; font-weight:600; color:var(--muted); border-bottom:2px solid var(--line); padding:6px 8px; white-space:nowrap; }
td { border-bottom:1px solid var(--line); padding:6px 8px; vertical-align:top; }
td.num { text-align:right; font-variant-numeric:tabular-nums; } td.time { white-space:nowrap; font-variant-numeric:tabular-nums; }
td.strong { font-weight:600; } td.actor { color:var(--muted); } .sub { color:var(--muted); font-size:11.5px; }
tr.folded td { color:var(--muted); }
#waves td.time { font-size:12px; }
.table-wrap { overflow-x:auto; }
.verdicts { display:flex; gap:14px; font-size:12.5px; color:var(--muted); margin:0 0 10px; }
.verdicts i { display:inline-block; width:9px; height:9px; border-radius:50%; margin-right:5px; }
.verdicts .verdict-Pass { background:var(--pass); } .verdicts .verdict-Fail { background:var(--fail); }
.verdicts .verdict-Pending { background:var(--pendingv); } .verdicts .verdict-Inconclusive { background:var(--inconclusive); } tr.empty-row td { color:var(--muted); font-style:italic; }
code { font-size:12px; background:#f1f3f5; padding:1px 5px; border-radius:4px; }
.pill { display:inline-block; padding:0 7px; border-radius:999px; font-size:12px; background:#e9ecef; }
.pill.decision-shrink { background:#ffe8cc; } .pill.decision-pause, .pill.decision-abort, .pill.decision-stepBack { background:#ffe3e3; }
.pill.decision-proceed, .pill.phase-completed { background:#d3f9d8; }
footer { margin-top:22px; color:var(--muted); font-size:12px; }
@media print { body { background:#fff; } section, .tile { break-inside:avoid; } }
`;

/**
 * No script, no fetch, no external font or image: styles inline only. Served as a header by the
 * live view and repeated in a <meta> so a saved report.html is just as closed.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
