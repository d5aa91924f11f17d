import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Reading repository files by repo-relative path, for the contract tests. */
export const REPO_ROOT = join(__dirname, "..");

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), "utf8");
}

/** Repo-relative paths of the files under infra/ with one of the extensions. */
export function infraFiles(...extensions: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((ext) => entry.endsWith(ext))) out.push(relative(REPO_ROOT, full));
    }
  };
  walk(join(REPO_ROOT, "infra"));
  return out.sort();
}
