import { CONFIG_ENV, DEPLOYED_SETTINGS, LOCAL_ONLY_SETTINGS, readConfig } from "../../../shared/config";
import { infraFiles, readRepoFile, resources, stripComments, topLevelEntries, varObject } from "./bicep-text";

const apiBicep = readRepoFile("infra/app/api.bicep");
const appSettings = topLevelEntries(varObject(apiBicep, "appSettings"));
const localSettings = (
  JSON.parse(readRepoFile("local.settings.json.example")) as { Values: Record<string, string> }
).Values;
/** Settings host.json pulls in with %NAME% (the task hub name). */
const hostJsonSettings = [...readRepoFile("host.json").matchAll(/%([A-Za-z0-9_]+)%/g)].map(
  (m) => m[1] as string,
);

describe("app settings contract (shared/config.ts, host.json, infra, local.settings.json.example)", () => {
  it("parses the Bicep app settings block (guards the parser itself)", () => {
    expect(appSettings.size).toBeGreaterThan(5);
    expect(appSettings.get("AzureWebJobsStorage__credential")).toBe("'managedidentity'");
  });

  it("applies that block as the function app's appsettings", () => {
    const config = resources(apiBicep).find(
      (r) => r.type === "config" && /name:\s*'appsettings'/.test(r.body),
    );
    expect(config?.body).toMatch(/properties:\s*appSettings\b/);
  });

  it.each(DEPLOYED_SETTINGS)("Bicep sets %s, which shared/config.ts reads", (name) => {
    expect(appSettings.has(name)).toBe(true);
  });

  it.each(hostJsonSettings)("Bicep sets %s, which host.json references", (name) => {
    expect(appSettings.has(name)).toBe(true);
  });

  it("finds the task hub setting in host.json", () => {
    expect(hostJsonSettings).toContain("DURABLE_TASK_HUB");
  });

  it.each(LOCAL_ONLY_SETTINGS)("no infra file sets the local-only secret %s", (name) => {
    for (const file of infraFiles(".bicep", ".json", ".sh")) {
      const text = file.endsWith(".bicep") ? stripComments(readRepoFile(file)) : readRepoFile(file);
      expect({ file, mentions: text.includes(name) }).toEqual({ file, mentions: false });
    }
  });

  it.each([...Object.values(CONFIG_ENV), ...hostJsonSettings])(
    "local.settings.json.example lists %s",
    (name) => {
      expect(Object.keys(localSettings)).toContain(name);
    },
  );

  it("gives the managed identity's client id to the SDKs and to AzureWebJobsStorage alike", () => {
    expect(appSettings.get("AZURE_CLIENT_ID")).toBe("identityClientId");
    expect(appSettings.get("AzureWebJobsStorage__clientId")).toBe("identityClientId");
    expect(appSettings.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")).toBe(
      "'ClientId=${identityClientId};Authorization=AAD'",
    );
  });

  it("uses identity-based AzureWebJobsStorage with blob, queue and table URIs (Durable needs all three)", () => {
    for (const key of [
      "AzureWebJobsStorage__accountName",
      "AzureWebJobsStorage__blobServiceUri",
      "AzureWebJobsStorage__queueServiceUri",
      "AzureWebJobsStorage__tableServiceUri",
    ]) {
      expect(appSettings.has(key)).toBe(true);
    }
    expect(appSettings.has("AzureWebJobsStorage")).toBe(false);
    expect(appSettings.get("STATUS_TABLES_ENDPOINT")).toBe(
      appSettings.get("AzureWebJobsStorage__tableServiceUri"),
    );
  });

  it("points GRAPH_BASE_URL at the cloud's Graph endpoint, not a hard-coded or loopback URL", () => {
    expect(appSettings.get("GRAPH_BASE_URL")).toBe("'${environment().graph}v1.0'");
  });

  it("leaves out settings Flex Consumption rejects (the runtime is in functionAppConfig)", () => {
    for (const key of [
      "FUNCTIONS_WORKER_RUNTIME",
      "FUNCTIONS_EXTENSION_VERSION",
      "WEBSITE_RUN_FROM_PACKAGE",
    ]) {
      expect(appSettings.has(key)).toBe(false);
    }
  });

  it("ships a local.settings.json.example that readConfig accepts as it is", () => {
    expect(() => readConfig(localSettings)).not.toThrow();
  });

  it("uses task hub names the Azure Storage provider accepts (3-45 letters or digits, letter first)", () => {
    const hubName = /^[A-Za-z][A-Za-z0-9]{2,44}$/;
    expect(localSettings.DURABLE_TASK_HUB).toMatch(hubName);
    const bicepDefault = /param durableTaskHubName string = '([^']*)'/.exec(
      readRepoFile("infra/main.bicep"),
    )?.[1];
    expect(bicepDefault).toMatch(hubName);
    const azdDefault = /\$\{DURABLE_TASK_HUB=([^}]*)\}/.exec(readRepoFile("infra/main.parameters.json"))?.[1];
    expect(azdDefault).toBe(bicepDefault);
  });
});
