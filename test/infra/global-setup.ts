import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBicepCli } from "../../scripts/infra-check/bicep-cli";
import { compileInfra } from "../../scripts/infra-check/compile-infra";

/**
 * Compiles infra/ once for the whole infra suite; the contract tests read the ARM JSON the real
 * Bicep compiler produced (path in INFRA_ARM_JSON). A compile error or warning stops the suite.
 */
export default function globalSetup(): void {
  const work = mkdtempSync(join(tmpdir(), "infra-suite-"));
  const result = compileInfra(
    findBicepCli(),
    join(__dirname, "..", "..", "infra"),
    work,
    join(work, "main.json"),
  );
  if (!result.ok) {
    throw new Error(
      `infra/ does not compile cleanly:\n${[...result.diagnostics, result.failure ?? ""].join("\n")}`,
    );
  }
  process.env.INFRA_ARM_JSON = result.outFile;
  process.env.INFRA_SUITE_WORK = work;
}
