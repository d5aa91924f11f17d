import type { TokenCredential } from "@azure/identity";
import { createTableClientFactory, storeOptionsFromConfig, tableNames } from "../../../../shared/store";
import { connectionStringUsesHttp } from "../../../../shared/store/client-factory";

const fakeCredential: TokenCredential = {
  getToken: async () => ({ token: "unused", expiresOnTimestamp: Date.now() + 60_000 }),
};

describe("connection strings", () => {
  it.each([
    ["UseDevelopmentStorage=true", true],
    ["DefaultEndpointsProtocol=http;AccountName=a;AccountKey=k;TableEndpoint=http://127.0.0.1:1/a;", true],
    ["DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k;EndpointSuffix=core.windows.net", false],
    [
      "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=k;TableEndpoint=https://a.table.core.windows.net",
      false,
    ],
  ])("%s uses http: %p", (connectionString, expected) => {
    expect(connectionStringUsesHttp(connectionString)).toBe(expected);
  });
});

describe("table client factory", () => {
  it("builds clients on the account endpoint with the given credential", () => {
    const factory = createTableClientFactory({
      endpoint: "https://acct.table.core.windows.net",
      credential: fakeCredential,
    });
    const client = factory("prodrollouts");
    expect(client.tableName).toBe("prodrollouts");
    expect(client.url).toBe("https://acct.table.core.windows.net");
  });

  it("prefers the connection string when both are set", () => {
    const factory = createTableClientFactory({
      connectionString:
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;",
      endpoint: "https://acct.table.core.windows.net",
      credential: fakeCredential,
    });
    expect(factory("users").url).toBe("http://127.0.0.1:10002/devstoreaccount1");
  });

  it("explains what is missing when neither is set", () => {
    expect(() => createTableClientFactory({})).toThrow(/connection string or an account endpoint/);
  });
});

describe("configuration", () => {
  it("maps the app config onto store options", () => {
    expect(
      storeOptionsFromConfig({
        graphBaseUrl: "https://graph.microsoft.com/v1.0",
        tablesEndpoint: "https://acct.table.core.windows.net",
        managedIdentityClientId: "mi-client",
        tablePrefix: "prod",
      }),
    ).toEqual({
      connectionString: undefined,
      endpoint: "https://acct.table.core.windows.net",
      managedIdentityClientId: "mi-client",
      tablePrefix: "prod",
    });
  });

  it("names the tables with the prefix and rejects prefixes the service would refuse", () => {
    expect(tableNames("prod")).toEqual({
      rollouts: "prodrollouts",
      waves: "prodwaves",
      users: "produsers",
      gates: "prodgates",
      audit: "prodaudit",
      counters: "prodcounters",
    });
    expect(tableNames().audit).toBe("audit");
    expect(() => tableNames("1st")).toThrow(/must start with a letter/);
    expect(() => tableNames("a-b")).toThrow(/letters and digits/);
  });
});
