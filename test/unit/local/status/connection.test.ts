import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeConnectionString, resolveConnection } from "../../../../local/status/connection";
import { localAzuriteFile, recordLocalAzurite } from "../../../../local/status/local-azurite";

const AZURITE =
  "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:51234/devstoreaccount1;";

describe("choosing the tables to read", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "status-test-"));
    file = localAzuriteFile(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads the Azurite a rehearsal recorded, with its prefix and rollout, by default", async () => {
    await recordLocalAzurite(
      { connectionString: AZURITE, tablePrefix: "rh", rolloutId: "seed-phased" },
      file,
    );
    const resolved = await resolveConnection({ localFile: file });
    expect(resolved.options).toEqual({ connectionString: AZURITE, tablePrefix: "rh" });
    expect(resolved.suggestedRolloutId).toBe("seed-phased");
    expect(resolved.describe).not.toContain("a2V5");
  });

  it("explains how to get a local Azurite when none is recorded", async () => {
    await expect(resolveConnection({ localFile: file })).rejects.toThrow(/npm start -- --keep-running/);
  });

  it("prefers a connection string from the environment over the local file, and --local over both", async () => {
    await recordLocalAzurite({ connectionString: AZURITE, tablePrefix: "" }, file);
    const env = {
      connectionString: "UseDevelopmentStorage=true",
      connectionStringSource: "env",
      localFile: file,
    };
    expect((await resolveConnection(env)).options.connectionString).toBe("UseDevelopmentStorage=true");
    expect((await resolveConnection({ ...env, local: true })).options.connectionString).toBe(AZURITE);
  });

  it("signs in to an account URL with DefaultAzureCredential, https only", async () => {
    const resolved = await resolveConnection({
      accountUrl: "https://prodstatus.table.core.windows.net/",
      tablePrefix: "prod",
    });
    expect(resolved.options).toEqual({
      endpoint: "https://prodstatus.table.core.windows.net",
      tablePrefix: "prod",
    });
    await expect(
      resolveConnection({ accountUrl: "http://prodstatus.table.core.windows.net" }),
    ).rejects.toThrow(/https/);
    await expect(resolveConnection({ accountUrl: "not a url" })).rejects.toThrow(/not a URL/);
  });

  it("refuses two sources typed at once", async () => {
    await expect(
      resolveConnection({
        connectionString: AZURITE,
        connectionStringSource: "cli",
        accountUrl: "https://a.b",
      }),
    ).rejects.toThrow(/use one of --connection-string, --account-url/);
  });

  it("describes a connection string by account and endpoint, never by key", () => {
    expect(describeConnectionString(AZURITE)).toBe(
      "devstoreaccount1 at http://127.0.0.1:51234/devstoreaccount1",
    );
    expect(
      describeConnectionString("AccountName=prod;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net"),
    ).toBe("prod (https)");
  });
});
