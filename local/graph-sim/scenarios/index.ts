import clean from "./clean.json";
import invoicingApp from "./invoicing-app.json";
import large from "./large.json";
import lateRows from "./late-rows.json";
import legacyClients from "./legacy-clients.json";
import mfaOutage from "./mfa-outage.json";
import monthEndApp from "./month-end-app.json";
import serviceAccounts from "./service-accounts.json";
import unregistered from "./unregistered.json";

/**
 * The scenario files by name. Imported (not read from disk) so they travel with the build output;
 * the tenant validates them with zod on load (see README.md for the format).
 */
export const scenarioFiles: Record<string, unknown> = {
  clean,
  "invoicing-app": invoicingApp,
  "month-end-app": monthEndApp,
  unregistered,
  "mfa-outage": mfaOutage,
  "legacy-clients": legacyClients,
  "service-accounts": serviceAccounts,
  "late-rows": lateRows,
  large,
};

export const scenarioNames = Object.keys(scenarioFiles);
