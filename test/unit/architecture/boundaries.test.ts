import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const ESLINT = path.join(ROOT, "node_modules/eslint/bin/eslint.js");

/** What `npm run lint` says about `code` placed at `file` (a path in the repository). */
function lint(file: string, code: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [ESLINT, "--stdin", "--stdin-filename", file], {
    cwd: ROOT,
    input: code,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const importing = (from: string) =>
  `import { Activities } from "${from}";\nexport const names = Activities;\n`;

describe("layer boundaries in npm run lint", () => {
  jest.setTimeout(120_000);

  it("fails on a shared → orchestrations import", () => {
    const result = lint("shared/store/deliberate.ts", importing("../../orchestrations/activity-contracts"));
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/import\/no-restricted-paths/);
  });

  it("fails on a domain → store import and a product → local import", () => {
    const domain = lint(
      "shared/domain/deliberate.ts",
      `import { TABLE_KINDS } from "../store/table-names";\nexport const kinds = TABLE_KINDS;\n`,
    );
    expect(domain.output).toMatch(/the domain is pure/);
    const local = lint(
      "functions/deliberate.ts",
      `import { SCENARIOS } from "../local/graph-sim/scenarios";\nexport const s = SCENARIOS;\n`,
    );
    expect(local.output).toMatch(/never imports local\//);
  });

  it("keeps sign-in ingest on the domain alone: an ingest → store import fails, ingest → domain passes", () => {
    const store = lint(
      "shared/ingest/deliberate.ts",
      `import { TABLE_KINDS } from "../store/table-names";\nexport const kinds = TABLE_KINDS;\n`,
    );
    expect(store.output).toMatch(/sign-in ingest builds on the domain alone/);
    const domain = lint(
      "shared/ingest/deliberate.ts",
      `import { ATTEMPT_WINDOW } from "../domain/defaults";\nexport const window = ATTEMPT_WINDOW;\n`,
    );
    expect(domain.output).not.toMatch(/no-restricted-paths/);
    expect(domain.status).toBe(0);
  });

  it("passes the same import where the layers allow it", () => {
    const result = lint("functions/deliberate.ts", importing("../orchestrations/activity-contracts"));
    expect(result.output).not.toMatch(/no-restricted-paths/);
    expect(result.status).toBe(0);
  });
});

describe("layer entries in npm run lint", () => {
  jest.setTimeout(120_000);

  it.each([
    ["functions/deliberate.ts", "../shared/domain/control-events", /shared\/domain through its entry/],
    [
      "orchestrations/activities/deliberate.ts",
      "../../shared/app/setup-rollout",
      /shared\/app through its entry/,
    ],
  ])("fails on a deep import from %s into %s", (file, from, message) => {
    const result = lint(file, `import * as layer from "${from}";\nexport const inside = layer;\n`);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(message);
  });

  it("passes the same import through the layer's entry", () => {
    const result = lint(
      "functions/deliberate.ts",
      `import { ControlEvents } from "../shared/domain";\nexport const events = ControlEvents;\n`,
    );
    expect(result.output).not.toMatch(/no-restricted-paths/);
    expect(result.status).toBe(0);
  });
});

describe("paths in the repository", () => {
  /** Text files below `dir` (a path in the repository), or the file itself. */
  function textFiles(dir: string): string[] {
    const full = path.join(ROOT, dir);
    if (!statSync(full).isDirectory()) return [dir];
    return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
      textFiles(path.join(dir, entry.name)).filter((file) => /\.(ts|md|json|mjs)$/.test(file)),
    );
  }
  const offending = (pattern: RegExp, dirs: string[]) =>
    dirs.flatMap(textFiles).filter((file) => pattern.test(readFileSync(path.join(ROOT, file), "utf8")));

  it("never points at a ../shared/ outside the repository from README, docs or shared/", () => {
    expect(offending(/\.\.\/shared\//, ["README.md", "docs", "shared"])).toEqual([]);
  });

  it("names no file inside a shared layer from the orchestrations or the functions, not even in a comment", () => {
    expect(offending(/\.\.\/shared\/[a-z-]+\//, ["orchestrations", "functions"])).toEqual([]);
  });
});
