import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { openApiDocument } from "../shared/api/openapi-document";
import { authorizeRequest } from "../shared/auth";
import { errorResponse, json } from "./http/responses";

/** Built once: it depends only on the code, and a reader's tool may fetch it often. */
let document: Record<string, unknown> | undefined;

/** GET /api/openapi.json — the OpenAPI 3.1 description of this API, for readers' tools. */
export async function openApiHttp(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    authorizeRequest(request.headers, { access: "read" });
    document ??= openApiDocument();
    return json(200, document);
  } catch (error) {
    return errorResponse(error, (m) => context.error(m));
  }
}

app.http("openapi", {
  methods: ["GET"],
  route: "openapi.json",
  authLevel: "function",
  handler: openApiHttp,
});
