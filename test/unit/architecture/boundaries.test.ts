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

  it("applies the zones to a #shared/ alias as to a relative import: domain → #shared/store fails", () => {
    const result = lint(
      "shared/domain/deliberate.ts",
      `import { TABLE_KINDS } from "#shared/store";\nexport const kinds = TABLE_KINDS;\n`,
    );
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/the domain is pure/);
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
    [
      "functions/deliberate.ts",
      "#shared/domain/control-events",
      /Unable to resolve path to module '#shared\/domain\/control-events'/,
    ],
    [
      "orchestrations/deliberate.ts",
      "#shared/app/setup-rollout",
      /Unable to resolve path to module '#shared\/app\/setup-rollout'/,
    ],
  ])("fails on a deep import from %s into %s", (file, from, message) => {
    const result = lint(file, `import * as layer from "${from}";\nexport const inside = layer;\n`);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(message);
  });

  it("fails on a layer's entry reached by a relative path instead of its alias", () => {
    const result = lint(
      "orchestrations/wave/deliberate.ts",
      `import { ControlEvents } from "../../shared/domain";\nexport const events = ControlEvents;\n`,
    );
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/by its alias, #shared\/<layer>/);
  });

  it("passes the same import through the layer's alias", () => {
    const result = lint(
      "orchestrations/wave/deliberate.ts",
      `import { ControlEvents } from "#shared/domain";\nexport const events = ControlEvents;\n`,
    );
    expect(result.output).toBe("");
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

  // README, docs and shared/ must not point at a ../shared/ outside the repository; the
  // orchestrations and the functions name a layer by its #shared/ alias, never by a path.
  it("has no ../shared/ in README, docs, shared/, the orchestrations or the functions", () => {
    expect(
      offending(/\.\.\/shared\//, ["README.md", "docs", "shared", "orchestrations", "functions"]),
    ).toEqual([]);
  });
});
