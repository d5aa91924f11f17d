import { DEPLOYED_SETTINGS, LOCAL_ONLY_SETTINGS } from "../../shared/config";
import { infraFiles, readRepoFile } from "../repo-files";
import {
  allResources,
  childNamed,
  loadTemplate,
  moduleParameter,
  props,
  templateText,
  type JsonObject,
} from "./arm-template";

const template = loadTemplate();
const resources = allResources(template);
const appSettingsResource = childNamed(resources, "Microsoft.Web/sites/config", "appsettings");
const appSettings = (appSettingsResource ? props(appSettingsResource) : {}) as JsonObject;
/** Settings host.json pulls in with %NAME% (the task hub name). */
const hostJsonSettings = [...readRepoFile("host.json").matchAll(/%([A-Za-z0-9_]+)%/g)].map(
  (m) => m[1] as string,
);
const has = (name: string) => Object.hasOwn(appSettings, name);

describe("app settings in the compiled template (shared/config.ts, host.json)", () => {
  it("sets the function app's appsettings in the api module", () => {
    expect(appSettingsResource?.module).toBe("api");
    expect(Object.keys(appSettings).length).toBeGreaterThan(5);
  });

  it.each(DEPLOYED_SETTINGS)("sets %s, which shared/config.ts reads", (name) => {
    expect(has(name)).toBe(true);
  });

  it.each(hostJsonSettings)("sets %s, which host.json references", (name) => {
    expect(has(name)).toBe(true);
  });

  it("finds the task hub setting in host.json and feeds it from the durableTaskHubName parameter", () => {
    expect(hostJsonSettings).toContain("DURABLE_TASK_HUB");
    expect(appSettings.DURABLE_TASK_HUB).toBe("[parameters('durableTaskHubName')]");
    expect(moduleParameter(template, "api", "durableTaskHubName")).toBe("[parameters('durableTaskHubName')]");
  });

  it.each(LOCAL_ONLY_SETTINGS)("never sets the local-only secret %s", (name) => {
    expect(templateText()).not.toContain(name);
    for (const file of infraFiles(".json", ".sh")) {
      expect({ file, mentions: readRepoFile(file).includes(name) }).toEqual({ file, mentions: false });
    }
  });

  it("gives the managed identity's client id to the SDKs, AzureWebJobsStorage and telemetry alike", () => {
    expect(appSettings.AZURE_CLIENT_ID).toBe("[parameters('identityClientId')]");
    expect(appSettings.AzureWebJobsStorage__clientId).toBe("[parameters('identityClientId')]");
    expect(appSettings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe(
      "[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]",
    );
    expect(moduleParameter(template, "api", "identityClientId")).toMatch(
      /'Microsoft\.Resources\/deployments', 'identity'\), '[\d-]+'\)\.outputs\.clientId\.value\]$/,
    );
  });

  it("uses identity-based AzureWebJobsStorage with blob, queue and table URIs (Durable needs all three)", () => {
    expect(appSettings.AzureWebJobsStorage__credential).toBe("managedidentity");
    for (const service of ["blob", "queue", "table"]) {
      expect(appSettings[`AzureWebJobsStorage__${service}ServiceUri`]).toMatch(
        new RegExp(
          `^\\[reference\\(resourceId\\('Microsoft\\.Storage/storageAccounts', .*\\)\\.primaryEndpoints\\.${service}\\]$`,
        ),
      );
    }
    expect(has("AzureWebJobsStorage")).toBe(false);
    expect(appSettings.STATUS_TABLES_ENDPOINT).toBe(appSettings.AzureWebJobsStorage__tableServiceUri);
  });

  it("gives the connection Durable's Azure Storage provider uses (host.json) its identity settings", () => {
    const host = JSON.parse(readRepoFile("host.json")) as {
      extensions?: {
        durableTask?: { storageProvider?: { connectionName?: string; connectionStringName?: string } };
      };
    };
    // connectionStringName is the extension's obsolete alias of connectionName (AzureStorageOptions.cs).
    const provider = host.extensions?.durableTask?.storageProvider;
    const connection = provider?.connectionName ?? provider?.connectionStringName ?? "AzureWebJobsStorage";
    expect(appSettings[`${connection}__credential`]).toBe("managedidentity");
    for (const suffix of ["clientId", "queueServiceUri", "tableServiceUri", "blobServiceUri"]) {
      expect(has(`${connection}__${suffix}`)).toBe(true);
    }
  });

  it("points GRAPH_BASE_URL at the cloud's Graph endpoint, not a hard-coded or loopback URL", () => {
    expect(appSettings.GRAPH_BASE_URL).toBe("[format('{0}v1.0', environment().graph)]");
  });

  it("leaves out settings Flex Consumption rejects (the runtime is in functionAppConfig)", () => {
    for (const key of [
      "FUNCTIONS_WORKER_RUNTIME",
      "FUNCTIONS_EXTENSION_VERSION",
      "WEBSITE_RUN_FROM_PACKAGE",
    ]) {
      expect(has(key)).toBe(false);
    }
  });

  it("defaults the task hub to the name azd passes and the Azure Storage provider accepts", () => {
    const hubName = /^[A-Za-z][A-Za-z0-9]{2,44}$/;
    const parameter = template.parameters.durableTaskHubName as JsonObject;
    expect(parameter.defaultValue).toMatch(hubName);
    expect([parameter.minLength, parameter.maxLength]).toEqual([3, 45]);
    const azdDefault = /\$\{DURABLE_TASK_HUB=([^}]*)\}/.exec(readRepoFile("infra/main.parameters.json"))?.[1];
    expect(azdDefault).toBe(parameter.defaultValue);
  });
});
