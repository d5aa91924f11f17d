import { ROLES } from "../../shared/auth";
import { infraFiles, readRepoFile } from "../repo-files";
import {
  allResources,
  childNamed,
  loadTemplate,
  moduleParameter,
  moduleTemplate,
  one,
  props,
  resolveVariable,
  templateText,
  type Json,
  type JsonObject,
} from "./arm-template";

const template = loadTemplate();
const resources = allResources(template);
const declared = (type: string) => resources.filter((r) => r.type === type && !r.existing);

describe("infra security contract (compiled ARM template)", () => {
  describe("storage", () => {
    const storage = props(one(resources, "Microsoft.Storage/storageAccounts"));

    it("refuses shared keys, public blobs, plain HTTP and TLS below 1.2", () => {
      expect(storage).toMatchObject({
        allowSharedKeyAccess: false,
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        supportsHttpsTrafficOnly: true,
        defaultToOAuthAuthentication: true,
      });
    });

    it("has blob, queue and table services (the Durable Azure Storage provider uses all three)", () => {
      for (const child of ["blobServices", "queueServices", "tableServices"]) {
        expect(declared(`Microsoft.Storage/storageAccounts/${child}`)).toHaveLength(1);
      }
    });

    it("creates the deployment container that the function app reads its package from", () => {
      const containers = one(resources, "Microsoft.Storage/storageAccounts/blobServices/containers");
      expect(props(containers).publicAccess).toBe("None");
      expect(moduleParameter(template, "storage", "containerNames")).toEqual([
        "[variables('deploymentContainerName')]",
      ]);
      expect(moduleParameter(template, "api", "deploymentContainerName")).toBe(
        "[variables('deploymentContainerName')]",
      );
    });
  });

  describe("role assignments", () => {
    const rbac = moduleTemplate(template, "rbac");
    const assignments = declared("Microsoft.Authorization/roleAssignments");
    /** Role definition GUIDs assigned to the managed identity, loops expanded. */
    const identityRoles = assignments
      .filter((a) => props(a).principalId === "[parameters('identityPrincipalId')]")
      .flatMap((a) => {
        const copy = a.body.copy as JsonObject | undefined;
        if (!copy) {
          const ref = /, (variables\('roles'\)\.\w+)\)\]$/.exec(String(props(a).roleDefinitionId))?.[1];
          return [resolveVariable(rbac.variables, `[${ref}]`)];
        }
        // [for roleId in storageRoles: ...]
        expect(copy.count).toBe("[length(variables('storageRoles'))]");
        return (rbac.variables?.storageRoles as Json[]).map((v) => resolveVariable(rbac.variables, v));
      });

    it("names every assignment with guid() of scope, principal and role, so re-deploys are idempotent", () => {
      expect(assignments.length).toBeGreaterThanOrEqual(3);
      for (const assignment of assignments) expect(String(assignment.body.name)).toMatch(/^\[guid\(/);
    });

    it("grants the managed identity the four data-plane roles Functions, Durable and telemetry need", () => {
      expect([...identityRoles].sort()).toEqual(
        [
          "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (leases, containers)
          "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
          "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
          "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        ].sort(),
      );
    });

    it("gives the deploying user read-only table access, and only when a principal id is passed", () => {
      const user = assignments.filter((a) => props(a).principalId === "[parameters('userPrincipalId')]");
      expect(user).toHaveLength(1);
      expect(user[0]?.body.condition).toBe("[not(empty(parameters('userPrincipalId')))]");
      expect(String(props(user[0]!).roleDefinitionId)).toContain("storageTableDataReader");
      expect(resolveVariable(rbac.variables, "[variables('roles').storageTableDataReader]")).toBe(
        "76199698-9eea-4c19-bc75-cec21354c6b6",
      );
    });
  });

  it("turns off local auth in Application Insights and Log Analytics (telemetry uses the identity)", () => {
    expect(props(one(resources, "Microsoft.Insights/components")).DisableLocalAuth).toBe(true);
    const workspace = props(one(resources, "Microsoft.OperationalInsights/workspaces"));
    expect((workspace.features as JsonObject).disableLocalAuth).toBe(true);
  });

  describe("function app", () => {
    const site = one(resources, "Microsoft.Web/sites");
    const siteProps = props(site);
    const config = siteProps.functionAppConfig as JsonObject;

    it("runs Node 20 on a Linux Flex Consumption plan", () => {
      const plan = one(resources, "Microsoft.Web/serverfarms");
      expect(plan.body.sku).toEqual({ name: "FC1", tier: "FlexConsumption" });
      expect(props(plan).reserved).toBe(true);
      expect(site.body.kind).toBe("functionapp,linux");
      expect(config.runtime).toEqual({ name: "node", version: "20" });
      expect(siteProps.httpsOnly).toBe(true);
    });

    it("reads its deployment package from the blob container with the user-assigned identity", () => {
      const storage = (config.deployment as JsonObject).storage as JsonObject;
      expect(storage.type).toBe("blobContainer");
      expect(storage.value).toMatch(/\.primaryEndpoints\.blob, parameters\('deploymentContainerName'\)\)\]$/);
      expect(storage.authentication).toEqual({
        type: "UserAssignedIdentity",
        userAssignedIdentityResourceId: "[parameters('identityId')]",
      });
      expect((site.body.identity as JsonObject).type).toBe("UserAssigned");
    });

    it("sizes instances and caps scale-out from parameters (Graph throttling, not compute, limits a rollout)", () => {
      expect(config.scaleAndConcurrency).toEqual({
        instanceMemoryMB: "[parameters('instanceMemoryMB')]",
        maximumInstanceCount: "[parameters('maximumInstanceCount')]",
      });
      const parameters = moduleTemplate(template, "api").parameters;
      expect(parameters.instanceMemoryMB?.defaultValue).toBe(2048);
      expect(parameters.maximumInstanceCount?.defaultValue).toBe(40);
    });

    it("closes CORS: no allowed origins anywhere in the template", () => {
      expect((siteProps.siteConfig as JsonObject).cors).toEqual({
        allowedOrigins: [],
        supportCredentials: false,
      });
      const origins: Json[] = [];
      JSON.parse(templateText(), (key, value: Json) => {
        if (key === "allowedOrigins") origins.push(value);
        return value;
      });
      expect(origins).toEqual([[]]);
    });

    it("requires App Service Authentication (Entra ID) on every request and answers 401 otherwise", () => {
      const auth = childNamed(resources, "Microsoft.Web/sites/config", "authsettingsV2");
      expect(auth).toBeDefined();
      const body = props(auth!);
      expect(body.platform).toEqual({ enabled: true });
      expect(body.globalValidation).toEqual({
        requireAuthentication: true,
        unauthenticatedClientAction: "Return401",
      });
      const aad = (body.identityProviders as JsonObject).azureActiveDirectory as JsonObject;
      expect(aad.enabled).toBe(true);
      expect((aad.registration as JsonObject).clientId).toBe("[parameters('authClientId')]");
      expect(JSON.stringify(body)).not.toContain("excludedPaths");
      expect(moduleParameter(template, "api", "authClientId")).toMatch(
        /'entraApp'\), '[\d-]+'\)\.outputs\.appId\.value\]$/,
      );
    });

    it("disallows basic (FTP and SCM) publishing credentials", () => {
      const policies = declared("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
      expect(policies.map((p) => /'(\w+)'\)\]$/.exec(String(p.body.name))?.[1]).sort()).toEqual([
        "ftp",
        "scm",
      ]);
      for (const policy of policies) expect(props(policy)).toEqual({ allow: false });
    });
  });

  it("defines exactly the app roles shared/auth checks, and only assigned users get tokens", () => {
    const entraApp = moduleTemplate(template, "entraApp");
    const app = one(resources, "Microsoft.Graph/applications");
    const loop = (props(app).copy as JsonObject[]).find((c) => c.name === "appRoles");
    expect(loop?.count).toBe("[length(variables('appRoles'))]");
    const values = (entraApp.variables?.appRoles as JsonObject[]).map((r) => r.value);
    expect(values.sort()).toEqual(Object.values(ROLES).sort());
    expect(props(one(resources, "Microsoft.Graph/servicePrincipals")).appRoleAssignmentRequired).toBe(true);
  });

  it("has no account keys, connection strings with secrets or listKeys() anywhere in infra", () => {
    const texts: Array<[string, string]> = [
      ["compiled template", templateText()],
      ...infraFiles(".json", ".sh").map((file): [string, string] => [file, readRepoFile(file)]),
    ];
    for (const [file, text] of texts) {
      for (const forbidden of [
        /AccountKey/i,
        /listKeys\s*\(/,
        /DefaultEndpointsProtocol/,
        /SharedAccessSignature/i,
      ]) {
        expect({ file, forbidden: String(forbidden), found: forbidden.test(text) }).toEqual({
          file,
          forbidden: String(forbidden),
          found: false,
        });
      }
    }
  });
});
