import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Just enough Bicep reading for contract tests (no Bicep compiler is available): comments
 * stripped, resources and object literals found by brace matching that respects strings.
 */
export const REPO_ROOT = join(__dirname, "..", "..", "..");
export const INFRA_DIR = join(REPO_ROOT, "infra");

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
  walk(INFRA_DIR);
  return out.sort();
}

/** Blanks out comments (keeping offsets) so that '//' inside 'https://...' strings survives. */
export function stripComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      const stop = end === -1 ? text.length : end + 3;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** Index just past the bracket that closes the one at `open` ('{' or '['), skipping strings. */
export function matchBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { "{": "}", "[": "]", "(": ")" };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === "\\" ? 2 : 1;
      i = j;
    } else if (pairs[ch]) {
      stack.push(pairs[ch] as string);
    } else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error(`unbalanced bracket at offset ${open}`);
}

export interface BicepResource {
  symbol: string;
  type: string;
  existing: boolean;
  /** The object literal, braces included (for a loop, the loop body). */
  body: string;
}

export function resources(text: string): BicepResource[] {
  const code = stripComments(text);
  const found: BicepResource[] = [];
  const pattern = /\bresource\s+(\w+)\s+'([^']+)'\s*(existing\s*)?=/g;
  for (let m = pattern.exec(code); m; m = pattern.exec(code)) {
    const open = code.indexOf("{", m.index + m[0].length);
    found.push({
      symbol: m[1] as string,
      type: m[2] as string,
      existing: Boolean(m[3]),
      body: code.slice(open, matchBracket(code, open)),
    });
  }
  return found;
}

/** The object literal assigned to `var name = {...}`. */
export function varObject(text: string, name: string): string {
  const code = stripComments(text);
  const m = new RegExp(`\\bvar\\s+${name}\\s*=\\s*\\{`).exec(code);
  if (!m) throw new Error(`no var ${name} object`);
  const open = m.index + m[0].length - 1;
  return code.slice(open, matchBracket(code, open));
}

/** The object literal that follows `key:` inside `body` (first occurrence). */
export function propertyObject(body: string, key: string): string {
  const m = new RegExp(`\\b${key}\\s*:\\s*\\{`).exec(body);
  if (!m) throw new Error(`no ${key}: {...}`);
  const open = m.index + m[0].length - 1;
  return body.slice(open, matchBracket(body, open));
}

/** Top-level `key: value` pairs of an object literal (values as raw text). */
export function topLevelEntries(objectLiteral: string): Map<string, string> {
  const inner = objectLiteral.trim().slice(1, -1);
  const entries = new Map<string, string>();
  let i = 0;
  while (i < inner.length) {
    const keyMatch = /^\s*(?:'([^']+)'|([A-Za-z_$][\w$]*))\s*:\s*/.exec(inner.slice(i));
    if (!keyMatch) {
      const nl = inner.indexOf("\n", i);
      i = nl === -1 ? inner.length : nl + 1;
      continue;
    }
    const key = (keyMatch[1] ?? keyMatch[2]) as string;
    let j = i + keyMatch[0].length;
    const start = j;
    // The value runs to the end of the line, or past a bracketed literal that spans lines.
    while (j < inner.length && inner[j] !== "\n") {
      const ch = inner[j] as string;
      if ("{[(".includes(ch)) j = matchBracket(inner, j);
      else if (ch === "'") j = inner.indexOf("'", j + 1) + 1;
      else j += 1;
    }
    entries.set(key, inner.slice(start, j).trim());
    i = j + 1;
  }
  return entries;
}

/** `param name type [= default]` declarations of a Bicep file. */
export function params(text: string): Map<string, { hasDefault: boolean }> {
  const found = new Map<string, { hasDefault: boolean }>();
  for (const m of stripComments(text).matchAll(/^\s*param\s+(\w+)\s+[\w.[\]?]+(\s*=)?/gm)) {
    found.set(m[1] as string, { hasDefault: Boolean(m[2]) });
  }
  return found;
}
