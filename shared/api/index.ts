/** shared/api: the HTTP API's request and response shapes, and the OpenAPI document made from them. */
export { ControlBody, ExclusionBody, ReconcileBody, issuesOf } from "./request-schemas";
export { openApiDocument } from "./openapi-document";
