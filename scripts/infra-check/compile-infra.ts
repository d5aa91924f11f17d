import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { BicepCli } from "./bicep-cli";
import { OWN_EXTENSION_TYPES, writeTypesPackage } from "./graph-types/write-package";

export interface CompileResult {
  ok: boolean;
  /** The compiled ARM template (written to `outFile`). */
  outFile: string;
  /** Compiler and linter diagnostics, paths relative to the infra folder's parent. */
  diagnostics: string[];
  /** Output of a failing step that is not a diagnostic (a crash, a restore error). */
  failure?: string;
}

function run(cli: BicepCli, args: string[]): { status: number; output: string } {
  const result = spawnSync(cli.command, [...cli.prefix, ...args], { encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** Points each registry extension at a local .tgz built from the types this repository writes. */
function useOwnExtensionTypes(cli: BicepCli, infraCopy: string, work: string): void {
  const configPath = join(infraCopy, "bicepconfig.json");
  const config = JSON.parse(readFileSync(configPath, "utf8")) as { extensions?: Record<string, string> };
  for (const [alias, reference] of Object.entries(config.extensions ?? {})) {
    const types = OWN_EXTENSION_TYPES[reference];
    if (!types) {
      throw new Error(
        `infra/bicepconfig.json: extension ${alias} = ${reference} has no types in scripts/infra-check/graph-types (write them and list them in write-package.ts)`,
      );
    }
    const index = writeTypesPackage(types(), join(work, "extensions", alias));
    const tgz = join(work, `${alias}.tgz`);
    const published = run(cli, ["publish-extension", index, "--target", tgz, "--force"]);
    if (published.status !== 0)
      throw new Error(`bicep publish-extension ${alias} failed:\n${published.output}`);
    config.extensions = { ...config.extensions, [alias]: tgz };
  }
  writeFileSync(configPath, JSON.stringify(config, null, 2));
}

const DIAGNOSTIC = /^(.*)\((\d+),(\d+)\) : (Error|Warning|Info) (.*)$/;

/**
 * Builds `<infraDir>/main.bicep` to ARM JSON and lints every Bicep file, on a copy of the folder
 * in `work` (the copy's bicepconfig.json names local builds of our extension types; the repository's stays as
 * azd needs it). Any diagnostic, warnings included, makes the result not ok.
 */
export function compileInfra(cli: BicepCli, infraDir: string, work: string, outFile: string): CompileResult {
  const infraCopy = join(work, "infra");
  cpSync(infraDir, infraCopy, { recursive: true });
  if (cli.canPublishExtensions) useOwnExtensionTypes(cli, infraCopy, work);
  mkdirSync(resolve(outFile, ".."), { recursive: true });

  const main = join(infraCopy, "main.bicep");
  const build = cli.prefix.length
    ? run(cli, ["build", "--file", main, "--outfile", outFile])
    : run(cli, ["build", main, "--outfile", outFile]);
  const lint = cli.prefix.length
    ? run(cli, ["lint", "--file", main])
    : run(cli, ["lint", "--pattern", join(infraCopy, "**", "*.bicep")]);

  const diagnostics = new Set<string>();
  const other: string[] = [];
  for (const line of `${build.output}\n${lint.output}`.split("\n")) {
    const m = DIAGNOSTIC.exec(line.trim());
    if (m) {
      // Report the repository's path, not the temp copy's.
      const file = join("infra", relative(infraCopy, m[1] as string));
      diagnostics.add(`${file}(${m[2]},${m[3]}) : ${m[4]} ${m[5]}`);
    } else if (line.trim() && !/experimental feature/i.test(line)) {
      other.push(line);
    }
  }
  const stepsOk = build.status === 0 && lint.status === 0 && existsSync(outFile);
  return {
    ok: stepsOk && diagnostics.size === 0,
    outFile,
    diagnostics: [...diagnostics].sort(),
    failure: stepsOk ? undefined : other.join("\n") || undefined,
  };
}
