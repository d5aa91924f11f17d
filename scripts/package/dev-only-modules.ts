interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
}

/**
 * Folders under node_modules/ that only devDependencies need, outermost only (a folder nested in
 * one of them goes with it), from package-lock.json's `dev` flags: what `npm prune --omit=dev`
 * would remove. `devOptional` packages stay: a production dependency may want them.
 */
export function devOnlyModuleFolders(lockfile: string): string[] {
  const packages = (JSON.parse(lockfile) as { packages?: Record<string, LockPackage> }).packages ?? {};
  const isDev = (key: string) => packages[key]?.dev === true;
  return Object.keys(packages)
    .filter((key) => key.startsWith("node_modules/") && isDev(key))
    .filter((key) => {
      const nested = key.lastIndexOf("/node_modules/");
      return nested === -1 || !isDev(key.slice(0, nested));
    })
    .sort();
}

/** Top-level folders under node_modules/ that production needs (each must be in the package). */
export function productionModuleFolders(lockfile: string): string[] {
  const packages = (JSON.parse(lockfile) as { packages?: Record<string, LockPackage> }).packages ?? {};
  return Object.entries(packages)
    .filter(([key, meta]) => /^node_modules\/(@[^/]+\/)?[^/@][^/]*$/.test(key) && meta.dev !== true)
    .map(([key]) => key)
    .sort();
}
