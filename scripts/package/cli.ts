import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { writeBuildScope } from "./build-scope";
import { withDevModulesBlock } from "./funcignore-file";
import { listPackage } from "./package-contents";

const ROOT = join(__dirname, "..", "..");

/** Rewrites .funcignore's generated block when package-lock.json changed it. */
function refreshFuncignore(): void {
  const path = join(ROOT, ".funcignore");
  const current = readFileSync(path, "utf8");
  const next = withDevModulesBlock(current, readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  if (next !== current) {
    writeFileSync(path, next);
    console.log(".funcignore: dev-only node_modules block updated from package-lock.json");
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Lists the zip from dist/ as built; deflate per file estimates the zip's size. */
function listBuiltPackage(): void {
  const { files, disagreements } = listPackage(ROOT, { distOnDisk: true });
  let bytes = 0;
  let zipped = 0;
  const byTop = new Map<string, number>();
  for (const file of files) {
    const size = statSync(join(ROOT, file)).size;
    bytes += size;
    zipped += deflateRawSync(readFileSync(join(ROOT, file))).length;
    const top = file
      .split("/")
      .slice(0, file.startsWith("node_modules/@") ? 3 : 2)
      .join("/");
    byTop.set(top, (byTop.get(top) ?? 0) + size);
  }
  for (const [top, size] of [...byTop].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${mb(size).padStart(9)}  ${top}`);
  }
  console.log(`package: ${files.length} files, ${mb(bytes)} unpacked, about ${mb(zipped)} zipped`);
  if (disagreements.length > 0) {
    console.error(`Core Tools and git read .funcignore differently for:\n${disagreements.join("\n")}`);
    process.exitCode = 1;
  }
}

const command = process.argv[2];
if (command === "funcignore") {
  refreshFuncignore();
} else if (command === "prebuild") {
  // A stale dist/ (files of a removed module, an older layout) would be zipped with the app.
  rmSync(join(ROOT, "dist"), { recursive: true, force: true });
  refreshFuncignore();
} else if (command === "scope" && process.argv[3]) {
  writeBuildScope(ROOT, join(ROOT, process.argv[3]));
} else if (command === "list") {
  listBuiltPackage();
} else {
  console.error("usage: cli.ts funcignore | prebuild | scope <outDir> | list");
  process.exitCode = 2;
}
