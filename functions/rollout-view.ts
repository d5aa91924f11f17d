import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { authorizeRequest } from "../shared/auth";
import { REPORT_CSP, renderReport } from "../shared/report";
import { esc } from "../shared/report/html";
import { dependencies } from "../shared/runtime/dependencies";
import { loadReportModel } from "../shared/services/report-data";
import { InvalidStoreInputError, NotFoundError } from "../shared/store";
import { errorResponse } from "./http/responses";

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
export async function viewRollout(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const id = request.params.id ?? "";
  try {
    authorizeRequest(request.headers, { access: "read" });
    const { store, clock } = await dependencies();
    // ?tz=utc: times in UTC instead of the plan's zone.
    const utc = request.query.get("tz")?.toLowerCase() === "utc";
    const model = await loadReportModel(store, id, clock.now(), { utc });
    return { status: 200, headers: HTML_HEADERS, body: renderReport(model) };
  } catch (error) {
    // An id that cannot be a table key names no rollout either.
    if (error instanceof NotFoundError || error instanceof InvalidStoreInputError) {
      return {
        status: 404,
        headers: HTML_HEADERS,
        body: `<!doctype html><title>Not found</title><p>Rollout ${esc(id)} does not exist.</p>\n`,
      };
    }
    return errorResponse(error, (m) => context.error(m));
  }
}

app.http("view-rollout", {
  methods: ["GET"],
  route: "rollouts/{id}/view",
  authLevel: "function",
  handler: viewRollout,
});
