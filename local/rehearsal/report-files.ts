import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderReport } from "../../shared/report";
import { loadReportModel } from "../../shared/app/report-data";
import type { StatusStore } from "../../shared/store";
import type { RehearsalSummary } from "./summary";

export interface ReportFiles {
  summary: string;
  report: string;
}

/**
 * `--report <dir>`: summary.json for scripts and report.html for people, side by side. The HTML
 * is the same page GET /api/rollouts/{id}/view serves, generated at the rehearsal's virtual now.
 */
export async function writeReportFiles(
  dir: string,
  input: { summary: RehearsalSummary; store: StatusStore; rolloutId: string; now: Date; utc?: boolean },
): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true });
  const files = { summary: path.join(dir, "summary.json"), report: path.join(dir, "report.html") };
  await writeFile(files.summary, `${JSON.stringify(input.summary, null, 2)}\n`);
  const model = await loadReportModel(input.store, input.rolloutId, input.now, { utc: input.utc });
  await writeFile(files.report, renderReport(model));
  return files;
}
