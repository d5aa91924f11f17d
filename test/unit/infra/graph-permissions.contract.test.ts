import {
  FORBIDDEN_GRAPH_PERMISSIONS,
  GRAPH_OPERATION_PERMISSIONS,
  REQUIRED_GRAPH_PERMISSIONS,
} from "../../../shared/graph/permissions";
import { infraFiles, readRepoFile, stripComments } from "./bicep-text";

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

  it("reads the list from one place: the Bicep module and the script load graph-permissions.json", () => {
    const module = stripComments(readRepoFile("infra/app/graph-permissions.bicep"));
    expect(module).toMatch(/loadJsonContent\('\.\.\/graph-permissions\.json'\)/);
    expect(module).toMatch(
      /resource \w+ 'Microsoft\.Graph\/appRoleAssignedTo@v1\.0' = \[\s*for permission in \w+\.appRoles/,
    );
    expect(module).toMatch(/principalId:\s*identityPrincipalId/);
    const script = readRepoFile("infra/scripts/grant-graph-permissions.sh");
    expect(script).toMatch(/graph-permissions\.json/);
    expect(script).toMatch(/jq -r '\.appRoles\[\]\.value'/);
  });

  it("spells no permission name anywhere else in infra (so the lists cannot drift)", () => {
    const permissionName = /\b(?:[A-Z][A-Za-z]+\.){1,2}(?:Read|ReadWrite|Create)(?:\.[A-Za-z]+)?\b/g;
    for (const file of infraFiles(".bicep", ".sh")) {
      const text = file.endsWith(".bicep") ? stripComments(readRepoFile(file)) : readRepoFile(file);
      const names = (text.match(permissionName) ?? []).filter((n) => !n.startsWith("Microsoft."));
      expect({ file, names }).toEqual({ file, names: [] });
    }
  });

  it("is wired into main.bicep, switchable for deployers who may not grant app roles", () => {
    const main = stripComments(readRepoFile("infra/main.bicep"));
    expect(main).toMatch(/module \w+ 'app\/graph-permissions\.bicep' = if \(grantGraphPermissions\)/);
    expect(main).toMatch(/identityPrincipalId:\s*identity\.outputs\.principalId/);
  });
});
