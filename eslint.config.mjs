import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import importPlugin from "eslint-plugin-import";
import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * The layers (docs/DESIGN.md, "Layers"): an arrow is "may import".
 *   domain ← ingest, graph, store ← app ← orchestrations, functions
 * and no product code imports local/ or bench/. shared/errors.ts is every layer's. The
 * orchestrations and the functions reach a layer through its index.ts only (entries, below), by
 * its #shared/<layer> alias (package.json "imports", docs/DESIGN.md "Layers").
 */
const NOT_PRODUCT = ["./local", "./bench", "./test", "./scripts"];
/**
 * Each folder of shared/ is a layer, and its index.ts is the one door the orchestrations and the
 * functions use: what a layer does not export there is its own business.
 */
const LAYERS = readdirSync(path.join(import.meta.dirname, "shared"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const entries = LAYERS.map((layer) => ({
  target: ["./orchestrations", "./functions"],
  from: `./shared/${layer}`,
  except: ["./index.ts"],
  message: `import shared/${layer} through its entry (shared/${layer}/index.ts), not a file inside it`,
}));
const boundaries = [
  {
    target: "./shared/domain",
    from: "./shared",
    except: ["./domain", "./errors.ts"],
    message: "the domain is pure: it imports nothing but itself",
  },
  {
    target: "./shared/ingest",
    from: "./shared",
    except: ["./ingest", "./domain", "./errors.ts"],
    message: "sign-in ingest builds on the domain alone: no I/O, no use cases",
  },
  {
    target: ["./shared/ingest", "./shared/graph", "./shared/store"],
    from: "./shared/app",
    message: "ingest, the Graph gateway and the store sit below the use cases",
  },
  {
    target: "./shared",
    from: ["./orchestrations", "./functions"],
    message: "shared/ sits below the orchestrations and the functions",
  },
  {
    target: ["./shared", "./orchestrations", "./functions"],
    from: NOT_PRODUCT,
    message: "product code never imports local/, bench/, test/ or scripts/",
  },
];

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "**/*.js",
      "**/*.mjs",
      "bench/results*",
      "out/",
      ".stryker-tmp/",
      "reports/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["shared/**/*.ts", "orchestrations/**/*.ts", "functions/**/*.ts"],
    plugins: { import: importPlugin },
    settings: {
      // The typescript resolver reads tsconfig.json's paths, so a #shared/ alias resolves to its
      // file and the zones below apply to it as to a relative import.
      "import/resolver": {
        typescript: { project: path.join(import.meta.dirname, "tsconfig.json") },
        node: { extensions: [".ts", ".js", ".json"] },
      },
    },
    rules: {
      "import/no-restricted-paths": [
        "error",
        { basePath: import.meta.dirname, zones: [...boundaries, ...entries] },
      ],
      // An alias that names no layer entry (#shared/domain/gates) resolves nowhere, so no zone
      // could catch it: fail it here. Other specifiers are left to tsc.
      "import/no-unresolved": ["error", { ignore: ["^[^#]"] }],
    },
  },
  {
    files: ["orchestrations/**/*.ts", "functions/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+shared(/|$)",
              message: 'import a shared layer by its alias, #shared/<layer> (package.json "imports")',
            },
          ],
        },
      ],
    },
  },
);
