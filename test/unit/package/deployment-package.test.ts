import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { writeBuildScope } from "../../../scripts/package/build-scope";
import { devOnlyModuleFolders, productionModuleFolders } from "../../../scripts/package/dev-only-modules";
import { withDevModulesBlock } from "../../../scripts/package/funcignore-file";
import { listPackage } from "../../../scripts/package/package-contents";
import { REPO_ROOT, readRepoFile } from "../../repo-files";

// Builds a TypeScript program and walks node_modules (tens of thousands of files).
jest.setTimeout(120_000);

const lockfile = readRepoFile("package-lock.json");
const production = productionModuleFolders(lockfile);
const devOnly = devOnlyModuleFolders(lockfile);
const { files, disagreements } = listPackage(REPO_ROOT, { distOnDisk: false });
const under = (folder: string) => files.filter((file) => file.startsWith(`${folder}/`));

describe("deployment package (what azd / Core Tools zip: .funcignore over the built project)", () => {
  it("holds the compiled app, host.json, package.json, package-lock.json and production modules only", () => {
    const allowed = [
      /^dist\/(functions|orchestrations|shared)\//,
      /^(host|package|package-lock|dist\/package)\.json$/,
    ];
    const unexpected = files.filter(
      (file) =>
        !allowed.some((pattern) => pattern.test(file)) &&
        !production.some((folder) => file.startsWith(`${folder}/`)),
    );
    expect(unexpected).toEqual([]);
  });

  it.each(["local", "bench", "test", "scripts", "dist/local", "dist/bench", "dist/test", "dist/scripts"])(
    "holds nothing from %s/",
    (folder) => {
      expect(under(folder)).toEqual([]);
    },
  );

  it("holds no devDependency (nor anything only a devDependency needs)", () => {
    expect(devOnly.length).toBeGreaterThan(0);
    const leaked = devOnly.filter((folder) => under(folder).length > 0);
    expect(leaked).toEqual([]);
    for (const name of Object.keys(
      (JSON.parse(lockfile) as { packages: Record<string, { devDependencies?: object }> }).packages[""]
        ?.devDependencies ?? {},
    )) {
      // A production module may depend on a devDependency too (protobufjs, under the Azure Monitor
      // distro, on @types/node): npm installs it for production, so it ships as theirs.
      if (production.includes(`node_modules/${name}`)) continue;
      expect({ name, files: under(`node_modules/${name}`).length }).toEqual({ name, files: 0 });
    }
  });

  it("holds what the app needs to start: package.json's main, host.json and every production module", () => {
    const main = (JSON.parse(readRepoFile("package.json")) as { main: string }).main;
    expect(files).toEqual(expect.arrayContaining([main, "host.json", "package.json", "dist/package.json"]));
    expect(main).toBe("dist/functions/index.js");
    const missing = production.filter((folder) => !files.includes(`${folder}/package.json`));
    expect(missing).toEqual([]);
  });

  it("resolves each #shared/ alias of the compiled app, by Node's own rules, to a compiled file in it", () => {
    const appSources = files
      .filter((file) => /^dist\/(functions|orchestrations)\/.*\.js$/.test(file))
      .map((file) => file.replace(/^dist\//, "").replace(/\.js$/, ".ts"));
    const aliases = [
      ...new Set(
        appSources.flatMap((file) =>
          [...readRepoFile(file).matchAll(/"(#shared\/[^"]*)"/g)].map((m) => m[1]),
        ),
      ),
    ];
    expect(aliases).toEqual(expect.arrayContaining(["#shared/domain", "#shared/errors"]));
    // The package's dist/ as empty files, with the scope manifest the build writes beside them.
    const stage = mkdtempSync(join(tmpdir(), "package-"));
    try {
      for (const file of files.filter((file) => file.startsWith("dist/"))) {
        mkdirSync(dirname(join(stage, file)), { recursive: true });
        writeFileSync(join(stage, file), "");
      }
      writeBuildScope(REPO_ROOT, join(stage, "dist"));
      const resolveAll = `const r = require("node:module").createRequire(process.argv[1]);
        console.log(JSON.stringify(JSON.parse(process.argv[2]).map((a) => r.resolve(a))));`;
      const run = spawnSync(
        process.execPath,
        ["-e", resolveAll, join(stage, "dist/functions/index.js"), JSON.stringify(aliases)],
        { encoding: "utf8" },
      );
      expect(run.stderr).toBe("");
      const resolved = (JSON.parse(run.stdout) as string[]).map((path) => relative(stage, path));
      expect(resolved.filter((path) => !files.includes(path))).toEqual([]);
      expect(resolved).toContain("dist/shared/domain/index.js");
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });

  it("means the same to Core Tools' .funcignore parser and to git's rules", () => {
    expect(disagreements).toEqual([]);
  });

  it("keeps .funcignore's dev-only block in step with package-lock.json (npm run funcignore)", () => {
    const current = readFileSync(join(REPO_ROOT, ".funcignore"), "utf8");
    expect(withDevModulesBlock(current, lockfile)).toBe(current);
  });
});
