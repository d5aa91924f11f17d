import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { INFRA_DIR, infraFiles, params, readRepoFile, REPO_ROOT, stripComments } from "./bicep-text";

const main = readRepoFile("infra/main.bicep");
const mainParams = params(main);
const parameterFile = JSON.parse(readRepoFile("infra/main.parameters.json")) as {
  parameters: Record<string, { value: unknown }>;
};

describe("azd wiring (azure.yaml, main.parameters.json, modules)", () => {
  it("deploys at subscription scope and creates the resource group", () => {
    expect(stripComments(main)).toMatch(/^targetScope = 'subscription'/m);
    expect(main).toMatch(/resource rg 'Microsoft\.Resources\/resourceGroups@/);
  });

  it("maps the azd environment variables onto main.bicep's parameters", () => {
    expect(parameterFile.parameters.environmentName?.value).toBe("${AZURE_ENV_NAME}");
    expect(parameterFile.parameters.location?.value).toBe("${AZURE_LOCATION}");
    expect(parameterFile.parameters.principalId?.value).toBe("${AZURE_PRINCIPAL_ID}");
  });

  it("passes only parameters main.bicep declares, and every required one", () => {
    for (const name of Object.keys(parameterFile.parameters)) expect(mainParams.has(name)).toBe(true);
    const required = [...mainParams].filter(([, p]) => !p.hasDefault).map(([name]) => name);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(Object.keys(parameterFile.parameters)).toContain(name);
  });

  it("references only module files that exist", () => {
    for (const file of infraFiles(".bicep")) {
      for (const m of stripComments(readRepoFile(file)).matchAll(/\bmodule\s+\w+\s+'([^']+\.bicep)'/g)) {
        const target = join(REPO_ROOT, dirname(file), m[1] as string);
        expect({ file, module: m[1], exists: existsSync(target) }).toEqual({
          file,
          module: m[1],
          exists: true,
        });
      }
      for (const m of readRepoFile(file).matchAll(/loadJsonContent\('([^']+)'\)/g)) {
        expect(existsSync(join(REPO_ROOT, dirname(file), m[1] as string))).toBe(true);
      }
    }
  });

  it("declares the Graph extension in bicepconfig.json for every file that uses it", () => {
    const config = JSON.parse(readRepoFile("infra/bicepconfig.json")) as {
      extensions: Record<string, string>;
    };
    expect(config.extensions.microsoftGraphV1).toMatch(
      /^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:\d/,
    );
    for (const file of infraFiles(".bicep")) {
      const text = stripComments(readRepoFile(file));
      if (text.includes("'Microsoft.Graph/")) expect(text).toMatch(/^extension microsoftGraphV1$/m);
    }
  });

  it("deploys the app as the azd service 'api' to the function app tagged with that name", () => {
    const azureYaml = readRepoFile("azure.yaml");
    expect(azureYaml).toMatch(/^services:\n {2}api:\n(?: {4}.*\n)*? {4}host: function$/m);
    expect(azureYaml).toMatch(/^ {2}path: infra$/m);
    expect(stripComments(main)).toMatch(/tags: union\(tags, \{ 'azd-service-name': 'api' \}\)/);
    expect(existsSync(join(INFRA_DIR, "main.bicep"))).toBe(true);
  });

  it("outputs what DEPLOY.md tells people to read back with azd env get-value", () => {
    const deployDoc = readRepoFile("DEPLOY.md");
    const outputs = new Set([...main.matchAll(/^output (\w+) /gm)].map((m) => m[1]));
    const used = [...deployDoc.matchAll(/azd env get-value (\w+)/g)].map((m) => m[1] as string);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect({ name, output: outputs.has(name) }).toEqual({ name, output: true });
  });
});
