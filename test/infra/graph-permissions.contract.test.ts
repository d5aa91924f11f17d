import {
  FORBIDDEN_GRAPH_PERMISSIONS,
  GRAPH_OPERATION_PERMISSIONS,
  REQUIRED_GRAPH_PERMISSIONS,
} from "../../shared/graph/permissions";
import { infraFiles, readRepoFile } from "../repo-files";
import { allResources, loadTemplate, moduleDeployment, moduleTemplate, one, props } from "./arm-template";

const template = loadTemplate();

interface PermissionsFile {
  resourceAppId: string;
  appRoles: Array<{ value: string; purpose: string }>;
}

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const listFile = JSON.parse(readRepoFile("infra/graph-permissions.json")) as PermissionsFile;
const granted = listFile.appRoles.map((r) => r.value);
/** Straight from the gateway's table, not from its derived list, so a bug there cannot hide. */
const neededByGateway = [
  ...new Set(Object.values(GRAPH_OPERATION_PERMISSIONS).flatMap((op) => op.permissions)),
];

describe("Graph permissions contract (gateway table ↔ infra grant)", () => {
  it("grants on Microsoft Graph itself", () => {
    expect(listFile.resourceAppId).toBe(GRAPH_APP_ID);
  });

  it("grants exactly what the gateway's operations need: nothing missing, nothing extra", () => {
    expect([...granted].sort()).toEqual([...neededByGateway].sort());
    expect([...granted].sort()).toEqual([...REQUIRED_GRAPH_PERMISSIONS].sort());
    expect(new Set(granted).size).toBe(granted.length);
  });

  it("never grants the permissions the gateway forbids", () => {
    for (const permission of FORBIDDEN_GRAPH_PERMISSIONS) expect(granted).not.toContain(permission);
  });

  it("explains every grant (DEPLOY.md and the list itself)", () => {
    const deployDoc = readRepoFile("DEPLOY.md");
    for (const { value, purpose } of listFile.appRoles) {
      expect({ value, purpose: purpose.length > 10 }).toEqual({ value, purpose: true });
      expect({ value, inDeployDoc: deployDoc.includes(`\`${value}\``) }).toEqual({
        value,
        inDeployDoc: true,
      });
    }
  });

  it("reads the list from one place: the compiled module and the script both take graph-permissions.json", () => {
    const module = moduleTemplate(template, "graphPermissions");
    // loadJsonContent() inlines the file: the compiled variable is the list itself.
    expect(module.variables?.graphPermissions).toBe("[variables('$fxv#0')]");
    expect(module.variables?.["$fxv#0"]).toEqual(listFile);
    const grants = one(allResources(template), "Microsoft.Graph/appRoleAssignedTo");
    expect(grants.module).toBe("graphPermissions");
    expect(grants.body.copy).toEqual({
      name: "grants",
      count: "[length(variables('graphPermissions').appRoles)]",
    });
    expect(props(grants).principalId).toBe("[parameters('identityPrincipalId')]");
    expect(props(grants).appRoleId).toContain("variables('graphPermissions').appRoles[copyIndex()].value");
    const script = readRepoFile("infra/scripts/grant-graph-permissions.sh");
    expect(script).toMatch(/graph-permissions\.json/);
    expect(script).toMatch(/jq -r '\.appRoles\[\]\.value'/);
  });

  it("spells no permission name anywhere else in infra (so the lists cannot drift)", () => {
    const permissionName = /\b(?:[A-Z][A-Za-z]+\.){1,2}(?:Read|ReadWrite|Create)(?:\.[A-Za-z]+)?\b/g;
    const withoutList = loadTemplate();
    delete moduleTemplate(withoutList, "graphPermissions").variables?.["$fxv#0"];
    const texts: Array<[string, string]> = [
      ["compiled template (less the inlined list)", JSON.stringify(withoutList)],
      ...infraFiles(".sh").map((file): [string, string] => [file, readRepoFile(file)]),
    ];
    for (const [file, text] of texts) {
      const names = (text.match(permissionName) ?? []).filter((n) => !n.startsWith("Microsoft."));
      expect({ file, names }).toEqual({ file, names: [] });
    }
  });

  it("is wired into main.bicep, switchable for deployers who may not grant app roles", () => {
    const deployment = moduleDeployment(template, "graphPermissions");
    expect(deployment.body.condition).toBe("[parameters('grantGraphPermissions')]");
    const parameters = props(deployment).parameters as Record<string, { value: string }>;
    expect(parameters.identityPrincipalId?.value).toMatch(
      /'identity'\), '[\d-]+'\)\.outputs\.principalId\.value\]$/,
    );
  });
});
