/** The rollout report: a model derived from the status tables, rendered as one closed HTML page. */
export type * from "./report-model";
export { buildReportModel, type ReportRows } from "./build-report-model";
export { renderReport } from "./render-report";
export { REPORT_CSP } from "./report-style";
export { esc } from "./html";
