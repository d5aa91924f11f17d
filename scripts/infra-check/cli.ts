import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findBicepCli } from "./bicep-cli";
import { compileInfra } from "./compile-infra";

/**
 * `npm run infra:check [-- --infra DIR] [-- --out FILE]`: compiles infra/main.bicep to ARM JSON
 * and lints it with the real Bicep CLI. Zero errors and zero warnings, or exit 1 with the
 * compiler's messages. The ARM JSON goes to a temp folder (removed) unless --out names a file.
 */
function countBicepFiles(dir: string): number {
  return readdirSync(dir).reduce((n, entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return n + countBicepFiles(full);
    return n + (entry.endsWith(".bicep") ? 1 : 0);
  }, 0);
}

function main(): number {
  const { values } = parseArgs({ options: { infra: { type: "string" }, out: { type: "string" } } });
  const infraDir = resolve(values.infra ?? join(__dirname, "..", "..", "infra"));
  const started = Date.now();
  const cli = findBicepCli();
  const work = mkdtempSync(join(tmpdir(), "infra-check-"));
  try {
    const outFile = values.out ? resolve(values.out) : join(work, "out", "main.json");
    const result = compileInfra(cli, infraDir, work, outFile);
    for (const line of result.diagnostics) console.error(line);
    if (result.failure) console.error(result.failure);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!result.ok) {
      console.error(
        `infra:check failed: ${result.diagnostics.length} diagnostic(s) (Bicep CLI from ${cli.source}, ${seconds} s)`,
      );
      return 1;
    }
    const kept = values.out ? `; ARM JSON in ${outFile}` : "";
    console.log(
      `infra:check ok: ${countBicepFiles(infraDir)} Bicep files built and linted, 0 errors, 0 warnings (Bicep CLI from ${cli.source}, ${seconds} s)${kept}`,
    );
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`infra:check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
