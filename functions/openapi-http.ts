import { app } from "@azure/functions";
import { openApiDocument } from "#shared/api";
import { authorizeRequest } from "#shared/auth";
import { json } from "./http/responses";
import { withHttpErrors } from "./http/with-http-errors";

/** Built once: it depends only on the code, and a reader's tool may fetch it often. */
let document: Record<string, unknown> | undefined;

/** GET /api/openapi.json — the OpenAPI 3.1 description of this API, for readers' tools. */
export const openApiHttp = withHttpErrors(async (request) => {
  authorizeRequest(request.headers, { access: "read" });
  document ??= openApiDocument();
  return json(200, document);
});

app.http("openapi", {
  methods: ["GET"],
  route: "openapi.json",
  authLevel: "function",
  handler: openApiHttp,
});
