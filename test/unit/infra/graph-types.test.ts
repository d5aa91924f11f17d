import { graphV1Types } from "../../../scripts/infra-check/graph-types/graph-v1";
import { Flag } from "../../../scripts/infra-check/graph-types/type-table";

interface Node {
  $type: string;
  name?: string;
  body?: { $ref: string };
  properties?: Record<string, { type: { $ref: string }; flags: number }>;
}

const files = graphV1Types().files;
const index = JSON.parse(files["index.json"]) as {
  resources: Record<string, { $ref: string }>;
  settings: { name: string; version: string };
};
const types = JSON.parse(files["types.json"]) as Node[];

function at(ref: { $ref: string }): Node {
  const node = types[Number(/#\/(\d+)$/.exec(ref.$ref)?.[1])];
  if (!node) throw new Error(`dangling reference ${ref.$ref}`);
  return node;
}

function body(resourceType: string): Node {
  const entry = index.resources[resourceType];
  if (!entry) throw new Error(`${resourceType} is not in index.json`);
  return at(at(entry).body as { $ref: string });
}

describe("the Microsoft Graph v1.0 Bicep types we write", () => {
  it("holds exactly the three resource types infra/ declares, under the registry extension's name", () => {
    expect(Object.keys(index.resources).sort()).toEqual([
      "Microsoft.Graph/appRoleAssignedTo@v1.0",
      "Microsoft.Graph/applications@v1.0",
      "Microsoft.Graph/servicePrincipals@v1.0",
    ]);
    expect(index.settings).toMatchObject({ name: "MicrosoftGraph", version: "1.0.0" });
  });

  it("has no dangling type references", () => {
    const refs = files["types.json"].match(/"\$ref": "#\/\d+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(() => at({ $ref: ref.slice(9, -1) })).not.toThrow();
  });

  it("marks the client-provided keys as identifiers and what Entra assigns as read-only", () => {
    const flags = (type: string, property: string): number =>
      body(type).properties?.[property]?.flags ?? Number.NaN;
    expect(flags("Microsoft.Graph/applications@v1.0", "uniqueName") & Flag.Identifier).toBeTruthy();
    expect(flags("Microsoft.Graph/applications@v1.0", "appId") & Flag.ReadOnly).toBeTruthy();
    expect(flags("Microsoft.Graph/servicePrincipals@v1.0", "appId") & Flag.Identifier).toBeTruthy();
    expect(flags("Microsoft.Graph/servicePrincipals@v1.0", "id") & Flag.ReadOnly).toBeTruthy();
    for (const key of ["appRoleId", "principalId", "resourceId"]) {
      expect(flags("Microsoft.Graph/appRoleAssignedTo@v1.0", key) & Flag.Required).toBeTruthy();
    }
  });
});
