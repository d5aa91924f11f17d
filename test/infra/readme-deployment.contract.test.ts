import { existsSync } from "node:fs";
import { join } from "node:path";
import { REQUIRED_GRAPH_PERMISSIONS } from "../../shared/graph/permissions";
import { readRepoFile, REPO_ROOT } from "../repo-files";
import { loadTemplate } from "./arm-template";

/** README's "## Deployment" section, which must say what the files do. */
function deploymentSection(): string {
  const readme = readRepoFile("README.md");
  const start = readme.indexOf("## Deployment\n");
  const end = readme.indexOf("\n## ", start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe("README deployment section ↔ infra files", () => {
  const section = deploymentSection();

  it("explains every Graph permission that is granted, and only those in its table", () => {
    const granted = (
      JSON.parse(readRepoFile("infra/graph-permissions.json")) as { appRoles: { value: string }[] }
    ).appRoles
      .map((r) => r.value)
      .sort();
    expect(granted).toEqual([...REQUIRED_GRAPH_PERMISSIONS].sort());
    const tableRows = [...section.matchAll(/^\| `([A-Za-z.]+)` \|/gm)].map((m) => m[1]).sort();
    expect(tableRows).toEqual(granted);
  });

  it("names azd outputs and parameters that exist", () => {
    const outputs = new Set(Object.keys(loadTemplate().outputs));
    const read = [...section.matchAll(/azd env get-value (\w+)/g)].map((m) => m[1] as string);
    expect(read.length).toBeGreaterThan(3);
    expect(read.filter((name) => !outputs.has(name))).toEqual([]);
    const parameters = readRepoFile("infra/main.parameters.json");
    const set = [...section.matchAll(/azd env set (\w+)/g)].map((m) => m[1] as string);
    // AZURE_LOCATION is azd's own; the others must feed a parameter.
    expect(set.filter((name) => name !== "AZURE_LOCATION" && !parameters.includes(`\${${name}`))).toEqual([]);
  });

  it("points at scripts and routes that exist", () => {
    for (const path of section.match(/infra\/[\w/.-]+\.(?:sh|json|bicep)/g) ?? []) {
      expect({ path, exists: existsSync(join(REPO_ROOT, path)) }).toEqual({ path, exists: true });
    }
    expect(section).toMatch(/GET \/api\/preflight/);
    expect(readRepoFile("functions/preflight-http.ts")).toMatch(/route: "preflight"/);
  });
});
