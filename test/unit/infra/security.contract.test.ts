import { ROLES } from "../../../shared/auth";
import {
  infraFiles,
  propertyObject,
  readRepoFile,
  resources,
  stripComments,
  topLevelEntries,
  type BicepResource,
} from "./bicep-text";

const bicepFiles = infraFiles(".bicep");
const allResources: Array<BicepResource & { file: string }> = bicepFiles.flatMap((file) =>
  resources(readRepoFile(file)).map((r) => ({ ...r, file })),
);
const declared = (type: string) => allResources.filter((r) => r.type.startsWith(type) && !r.existing);
const one = (type: string): BicepResource & { file: string } => {
  const found = declared(type);
  expect(found).toHaveLength(1);
  return found[0] as BicepResource & { file: string };
};

describe("infra security contract", () => {
  it("finds the resources it checks (guards the parser itself)", () => {
    expect(bicepFiles).toEqual(
      expect.arrayContaining(["infra/main.bicep", "infra/app/api.bicep", "infra/app/rbac.bicep"]),
    );
    expect(declared("Microsoft.Web/sites@").length).toBe(1);
  });

  describe("storage", () => {
    const storage = one("Microsoft.Storage/storageAccounts@");

    it("refuses shared keys, public blobs and TLS below 1.2", () => {
      expect(storage.body).toMatch(/\ballowSharedKeyAccess:\s*false\b/);
      expect(storage.body).toMatch(/\ballowBlobPublicAccess:\s*false\b/);
      expect(storage.body).toMatch(/\bminimumTlsVersion:\s*'TLS1_2'/);
      expect(storage.body).toMatch(/\bsupportsHttpsTrafficOnly:\s*true\b/);
    });

    it("has blob, queue and table services (the Durable Azure Storage provider uses all three)", () => {
      for (const child of ["blobServices", "queueServices", "tableServices"]) {
        expect(storage.body).toMatch(new RegExp(`resource \\w+ '${child}'`));
      }
    });
  });

  it("names every role assignment with guid() so re-deploys are idempotent", () => {
    const assignments = declared("Microsoft.Authorization/roleAssignments@");
    expect(assignments.length).toBeGreaterThanOrEqual(3);
    for (const assignment of assignments) {
      expect({ symbol: assignment.symbol, name: /\bname:\s*guid\(/.test(assignment.body) }).toEqual({
        symbol: assignment.symbol,
        name: true,
      });
    }
  });

  it("grants the managed identity the four data-plane roles Functions, Durable and telemetry need", () => {
    const rbac = stripComments(readRepoFile("infra/app/rbac.bicep"));
    const roleIds = {
      "Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      "Storage Queue Data Contributor": "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
      "Storage Table Data Contributor": "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
      "Monitoring Metrics Publisher": "3913510d-42f4-4e42-8a64-420c390055eb",
    };
    const roleVars = topLevelEntries(/var roles = (\{[\s\S]*?\n\})/.exec(rbac)?.[1] ?? "{}");
    const varFor = (id: string) => [...roleVars].find(([, value]) => value === `'${id}'`)?.[0];
    const storageRoles = /var storageRoles = \[([\s\S]*?)\]/.exec(rbac)?.[1] ?? "";
    for (const [role, id] of Object.entries(roleIds)) {
      const variable = varFor(id);
      expect({ role, variable: Boolean(variable) }).toEqual({ role, variable: true });
      const assigned =
        storageRoles.includes(`roles.${variable}`) ||
        new RegExp(`principalId:\\s*identityPrincipalId[\\s\\S]*?roles\\.${variable}\\)`).test(rbac);
      expect({ role, assigned }).toEqual({ role, assigned: true });
    }
    expect(rbac).toMatch(
      /\[for roleId in storageRoles: \{\s*name: guid\(storage\.id, identityPrincipalId, roleId\)/,
    );
  });

  it("turns off Application Insights local auth (telemetry uses the identity)", () => {
    const insights = one("Microsoft.Insights/components@");
    expect(insights.body).toMatch(/\bDisableLocalAuth:\s*true\b/i);
  });

  describe("function app", () => {
    const site = one("Microsoft.Web/sites@");

    it("runs Node 20 on Flex Consumption with the deployment package read by the user-assigned identity", () => {
      const plan = one("Microsoft.Web/serverfarms@");
      expect(plan.body).toMatch(/name:\s*'FC1'/);
      expect(plan.body).toMatch(/tier:\s*'FlexConsumption'/);
      const config = propertyObject(site.body, "functionAppConfig");
      expect(config).toMatch(/runtime:\s*\{\s*name:\s*'node'\s*version:\s*'20'\s*\}/);
      expect(propertyObject(config, "authentication")).toMatch(/type:\s*'UserAssignedIdentity'/);
      expect(site.body).toMatch(/type:\s*'UserAssigned'/);
      expect(site.body).toMatch(/httpsOnly:\s*true/);
    });

    it("closes CORS: no allowed origins anywhere in infra", () => {
      expect(propertyObject(site.body, "cors")).toMatch(/allowedOrigins:\s*\[\s*\]/);
      for (const file of bicepFiles) {
        for (const m of stripComments(readRepoFile(file)).matchAll(/allowedOrigins:\s*(\[[^\]]*\])/g)) {
          expect({ file, allowedOrigins: (m[1] as string).replace(/\s/g, "") }).toEqual({
            file,
            allowedOrigins: "[]",
          });
        }
      }
    });

    it("requires App Service Authentication (Entra ID) on every request and answers 401 otherwise", () => {
      const auth = declared("config").find((r) => /name:\s*'authsettingsV2'/.test(r.body));
      expect(auth).toBeDefined();
      const body = auth?.body ?? "";
      expect(propertyObject(body, "platform")).toMatch(/enabled:\s*true/);
      const validation = propertyObject(body, "globalValidation");
      expect(validation).toMatch(/requireAuthentication:\s*true/);
      expect(validation).toMatch(/unauthenticatedClientAction:\s*'Return401'/);
      expect(propertyObject(body, "azureActiveDirectory")).toMatch(/enabled:\s*true/);
      expect(body).not.toMatch(/excludedPaths/);
    });

    it("disallows basic (FTP and SCM) publishing credentials", () => {
      const policies = declared("basicPublishingCredentialsPolicies");
      expect(policies.map((p) => /name:\s*'(\w+)'/.exec(p.body)?.[1]).sort()).toEqual(["ftp", "scm"]);
      for (const policy of policies) expect(policy.body).toMatch(/allow:\s*false/);
    });
  });

  it("defines exactly the app roles shared/auth checks", () => {
    const entraApp = stripComments(readRepoFile("infra/app/entra-app.bicep"));
    const values = [...entraApp.matchAll(/^\s*value:\s*'(Rollout\.[A-Za-z]+)'/gm)].map((m) => m[1]);
    expect(values.sort()).toEqual(Object.values(ROLES).sort());
    expect(entraApp).toMatch(/appRoleAssignmentRequired:\s*true/);
  });

  it("has no account keys, connection strings with secrets or listKeys() anywhere in infra", () => {
    for (const file of infraFiles(".bicep", ".json", ".sh")) {
      const text = readRepoFile(file);
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
