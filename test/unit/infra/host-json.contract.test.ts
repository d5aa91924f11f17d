import { readRepoFile } from "../../repo-files";

interface HostJson {
  version: string;
  extensionBundle?: { id: string; version: string };
  extensions?: {
    durableTask?: {
      hubName?: string;
      storageProvider?: { type?: string; connectionName?: string; connectionStringName?: string };
    };
    http?: { routePrefix?: string };
  };
}

const host = JSON.parse(readRepoFile("host.json")) as HostJson;

/** Parses a NuGet-style range like "[4.*, 5.0.0)" into its bounds. */
function parseRange(range: string) {
  const m = /^\s*([[(])\s*([^,\s]*)\s*,\s*([^\])\s]*)\s*([\])])\s*$/.exec(range);
  if (!m) throw new Error(`not a version range: ${range}`);
  const major = (v: string) => Number.parseInt(v.split(".")[0] ?? "", 10);
  return { minMajor: major(m[2] as string), maxMajor: major(m[3] as string), maxExclusive: m[4] === ")" };
}

describe("host.json contract (Durable Functions on the v4 bundle)", () => {
  it("is a v2 host file", () => {
    expect(host.version).toBe("2.0");
  });

  it("takes the extension bundle from the 4.x range (Durable extension with identity support)", () => {
    expect(host.extensionBundle?.id).toBe("Microsoft.Azure.Functions.ExtensionBundle");
    const range = parseRange(host.extensionBundle?.version ?? "");
    expect(range.minMajor).toBe(4);
    // Upper bound below 5: a new major bundle must be a deliberate change.
    expect(range.maxMajor === 5 ? range.maxExclusive : range.maxMajor === 4).toBe(true);
  });

  it("reads the task hub name from the DURABLE_TASK_HUB app setting", () => {
    expect(host.extensions?.durableTask?.hubName).toBe("%DURABLE_TASK_HUB%");
  });

  // That infra sets this connection's identity settings: test/infra/app-settings.contract.test.ts.
  it("uses the Azure Storage provider on the AzureWebJobsStorage connection", () => {
    const provider = host.extensions?.durableTask?.storageProvider;
    expect(provider?.type ?? "AzureStorage").toBe("AzureStorage");
    expect(provider?.connectionName ?? provider?.connectionStringName ?? "AzureWebJobsStorage").toBe(
      "AzureWebJobsStorage",
    );
  });

  it("serves HTTP functions under /api (the routes DEPLOY.md and the API use)", () => {
    expect(host.extensions?.http?.routePrefix).toBe("api");
  });

  it("parses ranges the way the bundle resolver reads them (guards the helper)", () => {
    expect(parseRange("[4.*, 5.0.0)")).toEqual({ minMajor: 4, maxMajor: 5, maxExclusive: true });
    expect(() => parseRange("4.x")).toThrow();
  });
});
