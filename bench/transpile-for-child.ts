/**
 * A child process that measures its own memory must not carry a TypeScript compiler: ts-node's
 * require hook keeps `typescript` (tens of MB) resident. So the modules a measuring child needs
 * are transpiled here, once, to plain CommonJS under node_modules/.cache (inside the repo, so
 * their package imports still resolve), and the child runs from there with bare `node`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const REPO = path.resolve(__dirname, "..");
const OUT = path.join(REPO, "node_modules", ".cache", "ca-bench-js");

/** Transpiles the given repo files and every .ts file below the given folders; returns the output root. */
export function transpileForChild(paths: readonly string[]): string {
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    resolveJsonModule: true,
  };
  for (const entry of paths) {
    const full = path.join(REPO, entry);
    for (const file of entry.endsWith(".ts") ? [full] : tsFiles(full)) {
      const relative = path.relative(REPO, file);
      const output = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions, fileName: relative });
      const target = path.join(OUT, relative.replace(/\.ts$/, ".js"));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, output.outputText);
    }
  }
  return OUT;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}
