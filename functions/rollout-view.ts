import { app, type HttpResponseInit } from "@azure/functions";
import { authorizeRequest } from "#shared/auth";
import { REPORT_CSP, renderReport, esc } from "#shared/report";
import { dependencies } from "#shared/runtime";
import { loadReportModel } from "#shared/app";
import { InvalidStoreInputError, NotFoundError } from "#shared/store";
import { withHttpErrors } from "./http/with-http-errors";
import type { AppError } from "#shared/errors";

/** The page may not load anything, run anything, or be framed by another site. */
const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": `${REPORT_CSP}; frame-ancestors 'none'`,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/**
 * GET /api/rollouts/{id}/view: the rollout report, live from the tables, for an operator's
 * browser. Same access as the other reads (Rollout.Reader or Admin).
 */
export const viewRollout = withHttpErrors(
  async (request) => {
    const id = request.params.id ?? "";
    authorizeRequest(request.headers, { access: "read" });
    const { store, clock } = await dependencies();
    // ?tz=utc: times in UTC instead of the plan's zone.
    const utc = request.query.get("tz")?.toLowerCase() === "utc";
    const model = await loadReportModel(store, id, clock.now(), { utc });
    return { status: 200, headers: HTML_HEADERS, body: renderReport(model) };
  },
  { render: page },
);

/** Failures as a page, not JSON: the caller is a browser. An id no table key can hold names no rollout. */
function page(status: number, error: AppError, response: HttpResponseInit): HttpResponseInit {
  const notFound = error.kind === "notFound" || error instanceof InvalidStoreInputError;
  if (!notFound) return response;
  const id = error instanceof NotFoundError ? error.location.rowKey : undefined;
  return {
    status: 404,
    headers: HTML_HEADERS,
    body: `<!doctype html><title>Not found</title><p>Rollout ${esc(id ?? "")} does not exist.</p>\n`,
  };
}

app.http("view-rollout", {
  methods: ["GET"],
  route: "rollouts/{id}/view",
  authLevel: "function",
  handler: viewRollout,
});
