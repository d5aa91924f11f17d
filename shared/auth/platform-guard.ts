import type { AuthSettings } from "./auth-settings";
import type { Principal } from "./client-principal";
import { ForbiddenError, UnauthenticatedError } from "./errors";

/**
 * In Azure, x-ms-client-principal is trustworthy only because App Service Authentication sets it
 * and strips any copy a caller sent. With the feature off, anyone could send the header, so every
 * request is refused before the header is even read.
 */
export function assertEasyAuthInFront(settings: AuthSettings): void {
  if (settings.inAzure && !settings.easyAuthEnabled) {
    throw new UnauthenticatedError(
      "App Service Authentication is not enabled on this app: requests are refused until it is",
    );
  }
}

/**
 * In Azure the caller must come from Microsoft Entra ID (auth_typ "aad") of the configured
 * tenant: another identity provider added to the app, or a token from another tenant, is refused.
 * An app in Azure without AUTH_TENANT_ID refuses everyone rather than trust any tenant.
 */
export function assertEntraTenant(principal: Principal, settings: AuthSettings): void {
  if (!settings.inAzure) return;
  if (principal.identityProvider.toLowerCase() !== "aad") {
    throw new ForbiddenError("the caller did not sign in with Microsoft Entra ID");
  }
  if (!settings.tenantId) {
    throw new ForbiddenError("AUTH_TENANT_ID is not configured: no tenant's users are accepted");
  }
  if (principal.tenantId?.toLowerCase() !== settings.tenantId.toLowerCase()) {
    throw new ForbiddenError("the caller's tenant (tid) is not the tenant this app serves");
  }
}
