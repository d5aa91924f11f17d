import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { SCOPE_FILE } from "./build-scope";
import { coreToolsDenies, gitignoreDenies } from "./funcignore-rules";

export interface PackageListing {
  /** Repo-relative paths (forward slashes) of the files that go into the zip, sorted. */
  files: string[];
  /** Paths on which Core Tools' reading of .funcignore and git's differ. */
  disagreements: string[];
}

const toPosix = (path: string) => path.split(sep).join("/");

/**
 * What `npm run build` (tsconfig.build.json) writes to dist/: every source file of the program,
 * imports included, so a function importing local/ code would show here; and the scope manifest
 * that the build writes beside them (build-scope.ts).
 */
export function appBuildOutputs(root: string): string[] {
  const configPath = join(root, "tsconfig.build.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const outDir = config.options.outDir ?? join(root, "dist");
  const rootDir = config.options.rootDir ?? root;
  const program = ts.createProgram(config.fileNames, config.options);
  const compiled = program
    .getSourceFiles()
    .map((file) => file.fileName)
    .filter((file) => !file.includes("/node_modules/") && !file.endsWith(".d.ts"))
    .flatMap((file) => {
      const out = join(outDir, relative(rootDir, file));
      if (file.endsWith(".json")) return [out];
      const js = out.replace(/\.ts$/, ".js");
      return config.options.sourceMap ? [js, `${js}.map`] : [js];
    });
  return [...compiled, join(outDir, SCOPE_FILE)].map((file) => toPosix(relative(root, file))).sort();
}

function walk(root: string, dir: string, skip: Set<string>, out: string[]): void {
  for (const entry of readdirSync(join(root, dir))) {
    const path = dir ? `${dir}/${entry}` : entry;
    if (skip.has(path)) continue;
    if (statSync(join(root, path)).isDirectory()) walk(root, path, skip, out);
    else out.push(path);
  }
}

/**
 * The files `azd deploy` (and `func azure functionapp publish`) would zip from the project
 * folder after `npm install` and `npm run build`: every file, less what .funcignore denies. The
 * build output comes from `appBuildOutputs` when `distOnDisk` is false, so the answer does not
 * depend on a stale dist/.
 */
export function listPackage(root: string, options: { distOnDisk: boolean }): PackageListing {
  const funcignore = readFileSync(join(root, ".funcignore"), "utf8");
  const byCoreTools = coreToolsDenies(funcignore);
  const byGit = gitignoreDenies(funcignore);
  const candidates: string[] = [];
  walk(root, "", new Set([".git", ...(options.distOnDisk ? [] : ["dist"])]), candidates);
  if (!options.distOnDisk) candidates.push(...appBuildOutputs(root));
  const files: string[] = [];
  const disagreements: string[] = [];
  for (const path of candidates) {
    const coreTools = byCoreTools(path);
    if (coreTools !== byGit(path)) disagreements.push(path);
    if (!coreTools) files.push(path);
  }
  return { files: files.sort(), disagreements: disagreements.sort() };
}
