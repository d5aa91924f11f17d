import { devOnlyModuleFolders } from "./dev-only-modules";

const BEGIN = "# BEGIN dev-only node_modules (generated from package-lock.json by `npm run funcignore`)";
const END = "# END dev-only node_modules";

/**
 * The .funcignore text with its generated block replaced by one `/node_modules/<folder>/**` line
 * per dev-only folder. Only positive `/…/**` patterns: Core Tools' parser lets any `!` pattern
 * win and matches `dir/` only where a word character follows, so negations and bare folder
 * patterns would let files through (see funcignore-rules.ts).
 */
export function withDevModulesBlock(funcignore: string, lockfile: string): string {
  const start = funcignore.indexOf(BEGIN);
  const end = funcignore.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`.funcignore has no "${BEGIN}" ... "${END}" block`);
  }
  const lines = [
    "/node_modules/.bin/**",
    "/node_modules/.cache/**",
    "/node_modules/.package-lock.json",
    ...devOnlyModuleFolders(lockfile).map((folder) => `/${folder}/**`),
  ];
  return `${funcignore.slice(0, start)}${BEGIN}\n${lines.join("\n")}\n${funcignore.slice(end)}`;
}
