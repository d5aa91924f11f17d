import { readFileSync } from "node:fs";
import { join } from "node:path";
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
    const allowed = [/^dist\/(functions|orchestrations|shared)\//, /^(host|package|package-lock)\.json$/];
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
    expect(files).toEqual(expect.arrayContaining([main, "host.json", "package.json"]));
    expect(main).toBe("dist/functions/index.js");
    const missing = production.filter((folder) => !files.includes(`${folder}/package.json`));
    expect(missing).toEqual([]);
  });

  it("means the same to Core Tools' .funcignore parser and to git's rules", () => {
    expect(disagreements).toEqual([]);
  });

  it("keeps .funcignore's dev-only block in step with package-lock.json (npm run funcignore)", () => {
    const current = readFileSync(join(REPO_ROOT, ".funcignore"), "utf8");
    expect(withDevModulesBlock(current, lockfile)).toBe(current);
  });
});
