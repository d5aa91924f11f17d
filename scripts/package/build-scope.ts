import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What each build writes beside its output: the package.json of the folder it compiled into. */
export const SCOPE_FILE = "package.json";

type ImportsMap = Record<string, string>;

/**
 * The manifest that makes a build's output folder (dist/, dist-local/) its own package scope, so
 * Node resolves the compiled `require("#shared/domain")` by the repository's "imports" map with
 * `.ts` sources read as the `.js` files beside them. Node takes the imports map from the nearest
 * package.json of the importing file (https://nodejs.org/api/packages.html#subpath-imports). No
 * "main": the Functions Node worker takes the entry and the module kind from the app's own
 * package.json (azure-functions-nodejs-worker, src/loadScriptFile.ts: `require` unless its "type"
 * is "module"), so "type" here says "commonjs" to agree with what Node then reads for dist/.
 */
export function buildScopeManifest(rootManifest: string): object {
  const { imports } = JSON.parse(rootManifest) as { imports?: ImportsMap };
  if (!imports) throw new Error('package.json has no "imports" map to carry into the build');
  const compiled = Object.fromEntries(
    Object.entries(imports).map(([alias, target]) => {
      if (!target.endsWith(".ts")) throw new Error(`imports: ${alias} maps to ${target}, not a .ts source`);
      return [alias, target.replace(/\.ts$/, ".js")];
    }),
  );
  return {
    private: true,
    description:
      "Written by the build (scripts/package/build-scope.ts): the #shared/ aliases for the compiled code.",
    type: "commonjs",
    imports: compiled,
  };
}

/** Writes the scope manifest into `outDir` (absolute), from the repository's package.json. */
export function writeBuildScope(root: string, outDir: string): void {
  const manifest = buildScopeManifest(readFileSync(join(root, "package.json"), "utf8"));
  writeFileSync(join(outDir, SCOPE_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
