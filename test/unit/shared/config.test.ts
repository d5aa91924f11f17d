import {
  CONFIG_ENV,
  ConfigError,
  DEPLOYED_SETTINGS,
  LOCAL_ONLY_SETTINGS,
  readConfig,
} from "../../../shared/config";

const azure = {
  AZURE_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  STATUS_TABLES_ENDPOINT: "https://stabc.table.core.windows.net/",
};
const local = {
  GRAPH_BASE_URL: "http://127.0.0.1:4010/v1.0",
  GRAPH_STATIC_TOKEN: "sim-token",
  STATUS_TABLES_CONNECTION_STRING: "UseDevelopmentStorage=true",
};

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("readConfig", () => {
  it("reads an Azure configuration (managed identity, table endpoint) with defaults", () => {
    expect(readConfig(azure)).toEqual({
      graphBaseUrl: "https://graph.microsoft.com/v1.0",
      managedIdentityClientId: azure.AZURE_CLIENT_ID,
      tablesEndpoint: azure.STATUS_TABLES_ENDPOINT,
      tablePrefix: "",
    });
  });

  it("reads a local configuration (simulator token, Azurite) and a table prefix", () => {
    expect(readConfig({ ...local, STATUS_TABLE_PREFIX: "rehearsal1" })).toEqual({
      graphBaseUrl: local.GRAPH_BASE_URL,
      graphStaticToken: local.GRAPH_STATIC_TOKEN,
      tablesConnectionString: local.STATUS_TABLES_CONNECTION_STRING,
      tablePrefix: "rehearsal1",
    });
  });

  it("treats empty values as unset (app settings left blank)", () => {
    expect(readConfig({ ...azure, STATUS_TABLE_PREFIX: "", GRAPH_BASE_URL: "" }).graphBaseUrl).toBe(
      "https://graph.microsoft.com/v1.0",
    );
  });

  it.each([
    [
      "no table storage",
      { AZURE_CLIENT_ID: "x" },
      ["STATUS_TABLES_CONNECTION_STRING", "STATUS_TABLES_ENDPOINT"],
    ],
    [
      "no Graph credential",
      { STATUS_TABLES_ENDPOINT: azure.STATUS_TABLES_ENDPOINT },
      ["GRAPH_STATIC_TOKEN", "AZURE_CLIENT_ID"],
    ],
    ["an invalid Graph URL", { ...azure, GRAPH_BASE_URL: "not a url" }, ["GRAPH_BASE_URL"]],
    ["an invalid table endpoint", { ...azure, STATUS_TABLES_ENDPOINT: "stabc" }, ["STATUS_TABLES_ENDPOINT"]],
    ["a table prefix with a dash", { ...azure, STATUS_TABLE_PREFIX: "ca-rollout" }, ["STATUS_TABLE_PREFIX"]],
    [
      "a static token aimed at real Graph",
      { ...local, GRAPH_BASE_URL: "https://graph.microsoft.com/v1.0" },
      ["GRAPH_STATIC_TOKEN", "GRAPH_BASE_URL"],
    ],
  ])("rejects %s, naming the variables", (_label, env, variables) => {
    const error = configError(env);
    expect(error.variables).toEqual(variables);
    for (const name of variables) expect(error.message).toContain(name);
    expect(error.message).toMatch(/^Invalid configuration: /);
  });

  it("accepts a static token for any loopback simulator address", () => {
    for (const url of ["http://localhost:4010/v1.0", "http://127.0.0.1:9/v1.0", "http://[::1]:4010/v1.0"]) {
      expect(readConfig({ ...local, GRAPH_BASE_URL: url }).graphBaseUrl).toBe(url);
    }
  });

  it("never puts the token's value into an error message", () => {
    const error = configError({ ...local, GRAPH_BASE_URL: "https://graph.example/v1.0" });
    expect(error.message).not.toContain(local.GRAPH_STATIC_TOKEN);
  });
});

describe("setting lists", () => {
  it("splits every setting into local-only (secrets) and deployed, with no overlap", () => {
    const all = Object.values(CONFIG_ENV);
    expect([...LOCAL_ONLY_SETTINGS, ...DEPLOYED_SETTINGS].sort()).toEqual([...all].sort());
    expect(LOCAL_ONLY_SETTINGS).toEqual(["GRAPH_STATIC_TOKEN", "STATUS_TABLES_CONNECTION_STRING"]);
  });
});
