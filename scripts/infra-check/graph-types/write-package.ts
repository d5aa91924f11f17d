import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { graphV1Types } from "./graph-v1";
import type { TypesPackage } from "./type-table";

/**
 * Registry extensions infra/bicepconfig.json may name -> the types this repository writes for
 * them. The check compiles against these instead of the registry (azd up still restores the
 * registry extension).
 */
export const OWN_EXTENSION_TYPES: Record<string, () => TypesPackage> = {
  "br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:1.0.0": graphV1Types,
};

/** Writes the package's index.json and types.json into `dir`; returns the index.json path. */
export function writeTypesPackage(types: TypesPackage, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(types.files)) writeFileSync(join(dir, file), text);
  return join(dir, "index.json");
}
