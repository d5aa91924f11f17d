import { readRepoFile } from "../repo-files";
import { allResources, loadTemplate, moduleParameter, one, props, type JsonObject } from "./arm-template";

const template = loadTemplate();
const parameterFile = JSON.parse(readRepoFile("infra/main.parameters.json")) as {
  parameters: Record<string, { value: unknown }>;
};

describe("azd wiring (azure.yaml, main.parameters.json, the compiled template)", () => {
  it("deploys at subscription scope and creates the resource group", () => {
    expect(template.$schema).toMatch(/\/subscriptionDeploymentTemplate\.json#$/);
    expect(one(allResources(template), "Microsoft.Resources/resourceGroups").module).toBe("");
  });

  it("maps the azd environment variables onto main.bicep's parameters", () => {
    expect(parameterFile.parameters.environmentName?.value).toBe("${AZURE_ENV_NAME}");
    expect(parameterFile.parameters.location?.value).toBe("${AZURE_LOCATION}");
    expect(parameterFile.parameters.principalId?.value).toBe("${AZURE_PRINCIPAL_ID}");
  });

  it("passes only parameters main.bicep declares, and every required one", () => {
    for (const name of Object.keys(parameterFile.parameters)) {
      expect({ name, declared: Object.hasOwn(template.parameters, name) }).toEqual({ name, declared: true });
    }
    const required = Object.entries(template.parameters)
      .filter(([, p]) => !Object.hasOwn(p, "defaultValue"))
      .map(([name]) => name);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(Object.keys(parameterFile.parameters)).toContain(name);
  });

  it("declares the Graph extension in bicepconfig.json by a pinned registry version", () => {
    const config = JSON.parse(readRepoFile("infra/bicepconfig.json")) as {
      extensions: Record<string, string>;
    };
    expect(config.extensions.microsoftGraphV1).toMatch(
      /^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:\d+\.\d+\.\d+$/,
    );
  });

  it("deploys the app as the azd service 'api' to the function app tagged with that name", () => {
    const azureYaml = readRepoFile("azure.yaml");
    expect(azureYaml).toMatch(/^services:\n {2}api:\n(?: {4}.*\n)*? {4}host: function$/m);
    expect(azureYaml).toMatch(/^ {2}path: infra$/m);
    expect(moduleParameter(template, "api", "tags")).toBe(
      "[union(variables('tags'), createObject('azd-service-name', 'api'))]",
    );
    expect(one(allResources(template), "Microsoft.Web/sites").body.tags).toBe("[parameters('tags')]");
  });

  it("outputs what DEPLOY.md tells people to read back with azd env get-value", () => {
    const used = [...readRepoFile("DEPLOY.md").matchAll(/azd env get-value (\w+)/g)].map(
      (m) => m[1] as string,
    );
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) {
      expect({ name, output: Object.hasOwn(template.outputs, name) }).toEqual({ name, output: true });
    }
  });

  it("gives the function app its storage roles before the site exists (the host starts at once)", () => {
    const api = allResources(template).find(
      (r) => r.type === "Microsoft.Resources/deployments" && r.body.name === "api",
    );
    expect(JSON.stringify(api?.body.dependsOn)).toContain("'rbac')");
    expect((props(api!).parameters as JsonObject).durableTaskHubName).toEqual({
      value: "[parameters('durableTaskHubName')]",
    });
  });
});
