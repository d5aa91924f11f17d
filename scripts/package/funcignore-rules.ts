import ignore from "ignore";

/** Decides whether a repo-relative path (forward slashes) stays out of the deployment zip. */
export type Denies = (path: string) => boolean;

/**
 * `.funcignore` as Azure Functions Core Tools applies it: its GitIgnoreParser
 * (src/Cli/func/Common/GitIgnoreParser.cs, a port of codemix/gitignore-parser) turns every
 * pattern into a regex anchored at the path's start and ending in `\b`, and accepts a path that
 * matches any `!` pattern, whatever the order. So `*.ts` only matches at the root, and a negated
 * folder re-includes everything under it.
 */
export function coreToolsDenies(funcignore: string): Denies {
  const positive: string[] = [];
  const negative: string[] = [];
  for (const raw of funcignore.split("\n")) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    if (negated) line = line.slice(1);
    if (line.startsWith("/")) line = line.slice(1);
    (negated ? negative : positive).push(line);
  }
  const prepare = (pattern: string) =>
    pattern
      .replace(/[-[\]/{}()+?.\\^$|]/g, "\\$&")
      .replace(/\*\*/g, "(.+)")
      .replace(/\*/g, "([^\\/]+)");
  const compile = (patterns: string[]) =>
    patterns.length > 0 ? new RegExp(`^((${patterns.map(prepare).join(")|(")}))\\b`) : /$^/;
  const pos = compile(positive);
  const neg = compile(negative);
  return (path) => !(neg.test(path) || !pos.test(path));
}

/** `.funcignore` read with git's own rules (azd documents "the standard gitignore syntax"). */
export function gitignoreDenies(funcignore: string): Denies {
  const rules = ignore().add(funcignore);
  return (path) => rules.ignores(path);
}
