export * from "./errors";
export * from "./client-principal";
export * from "./roles";
export * from "./mfa";
export * from "./redact";
export * from "./authorize-request";
export * from "./audit-identity";
export * from "./claim-types";
