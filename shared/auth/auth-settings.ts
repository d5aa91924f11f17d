/**
 * What the request checks need to know about where the app runs. Read from the environment on
 * every request (cheap), so a test or a slot swap sees the settings as they are now.
 *
 * - WEBSITE_SITE_NAME: set by App Service (Functions included) on every instance; its presence
 *   means "running in Azure". Source: "Environment variables and app settings in Azure App
 *   Service" (learn.microsoft.com/azure/app-service/reference-app-settings).
 * - WEBSITE_AUTH_ENABLED: injected by App Service, "True" when App Service Authentication is on
 *   (same page, "Authentication & Authorization").
 * - AUTH_TENANT_ID: the Entra tenant whose users may call the API (infra/app/api.bicep sets it).
 * - MFA_AUTH_CONTEXT_ID: a Conditional Access authentication context id ("c1"…"c99") whose
 *   policy requires MFA; when set, MFA-gated actions demand it in the token's `acrs` claim.
 */
export interface AuthSettings {
  inAzure: boolean;
  easyAuthEnabled: boolean;
  tenantId?: string;
  mfaAuthContextId?: string;
}

export const AUTH_ENV = {
  siteName: "WEBSITE_SITE_NAME",
  easyAuthEnabled: "WEBSITE_AUTH_ENABLED",
  tenantId: "AUTH_TENANT_ID",
  mfaAuthContextId: "MFA_AUTH_CONTEXT_ID",
} as const;

/** Authentication context ids are c1 to c99 (Microsoft Graph authenticationContextClassReference). */
const AUTH_CONTEXT_ID = /^c([1-9]|[1-9][0-9])$/;

export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const tenantId = env[AUTH_ENV.tenantId]?.trim();
  const context = env[AUTH_ENV.mfaAuthContextId]?.trim();
  if (context && !AUTH_CONTEXT_ID.test(context)) {
    throw new Error(
      `${AUTH_ENV.mfaAuthContextId} must be an authentication context id c1..c99 (got "${context}")`,
    );
  }
  return {
    inAzure: (env[AUTH_ENV.siteName] ?? "").trim() !== "",
    easyAuthEnabled: (env[AUTH_ENV.easyAuthEnabled] ?? "").trim().toLowerCase() === "true",
    ...(tenantId ? { tenantId } : {}),
    ...(context ? { mfaAuthContextId: context } : {}),
  };
}
