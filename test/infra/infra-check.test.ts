import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBicepCli } from "../../scripts/infra-check/bicep-cli";
import { REPO_ROOT } from "../repo-files";

type Edit = [file: string, change: (text: string) => string];

/** `npm run infra:check -- --infra <dir>` on a copy of infra/ with files changed. */
function checkWith(...edits: Edit[]): { status: number | null; output: string } {
  const work = mkdtempSync(join(tmpdir(), "infra-check-test-"));
  try {
    const infra = join(work, "infra");
    cpSync(join(REPO_ROOT, "infra"), infra, { recursive: true });
    for (const [file, change] of edits) {
      const path = join(infra, file);
      const before = readFileSync(path, "utf8");
      const after = change(before);
      expect(after).not.toBe(before);
      writeFileSync(path, after);
    }
    const run = spawnSync(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        join(REPO_ROOT, "scripts", "infra-check", "cli.ts"),
        "--infra",
        infra,
      ],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Each case runs the real Bicep CLI on its own copy (a few seconds each).
jest.setTimeout(120_000);

describe("npm run infra:check", () => {
  it("fails with the compiler's error on a Bicep syntax error", () => {
    const { status, output } = checkWith([
      "app/api.bicep",
      (text) => text.replace("httpsOnly: true", "httpsOnly: true +"),
    ]);
    expect(status).toBe(1);
    expect(output).toMatch(/^infra\/app\/api\.bicep\(\d+,\d+\) : Error BCP\d+: /m);
    expect(output).toMatch(/infra:check failed/);
  });

  it("fails on warnings too: a property the Bicep types do not know, and a linter rule", () => {
    const { status, output } = checkWith(
      [
        "core/storage/storage-account.bicep",
        (text) => text.replace("allowSharedKeyAccess: false", "allowSharedKeyAcess: false"),
      ],
      ["core/host/flex-consumption-plan.bicep", (text) => `${text}\nparam unused string = ''\n`],
    );
    expect(status).toBe(1);
    expect(output).toMatch(
      /^infra\/core\/storage\/storage-account\.bicep\(\d+,\d+\) : Warning BCP\d+: The property "allowSharedKeyAcess" is not allowed/m,
    );
    expect(output).toMatch(/Warning no-unused-params: Parameter "unused" is declared but never used/);
    expect(output).not.toMatch(/ : Error /);
  });

  it("flags a misspelt or missing property on the Microsoft Graph resources", () => {
    const { status, output } = checkWith(
      [
        "app/entra-app.bicep",
        (text) => text.replace("appRoleAssignmentRequired: true", "appRoleAssignmentRequird: true"),
      ],
      [
        "app/graph-permissions.bicep",
        (text) => text.replace("principalId: identityPrincipalId", "principalID: identityPrincipalId"),
      ],
    );
    expect(status).toBe(1);
    expect(output).toMatch(
      /^infra\/app\/entra-app\.bicep\(\d+,\d+\) : Warning BCP089: The property "appRoleAssignmentRequird" is not allowed on objects of type "microsoft\.graph\.servicePrincipal"/m,
    );
    expect(output).toMatch(
      /^infra\/app\/graph-permissions\.bicep\(\d+,\d+\) : Warning BCP035: .* missing the following required properties: "principalId"/m,
    );
  });

  it("refuses a registry extension it has no types for, instead of reaching for the registry", () => {
    const { status, output } = checkWith([
      "bicepconfig.json",
      (text) => text.replace("microsoftgraph/v1.0:1.0.0", "microsoftgraph/v1.0:9.9.9"),
    ]);
    expect(status).toBe(1);
    // `az bicep` cannot build local extensions; it restores from the registry, which has no 9.9.9.
    expect(output).toMatch(
      findBicepCli().canPublishExtensions
        ? /extension microsoftGraphV1 = br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:9\.9\.9 has no types in scripts\/infra-check\/graph-types/
        : /Error BCP192: Unable to restore/,
    );
  });
});
