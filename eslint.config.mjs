import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import importPlugin from "eslint-plugin-import";

/**
 * The layers (docs/DESIGN.md, "Layers"): an arrow is "may import".
 *   domain ← ingest, graph, store ← app ← orchestrations, functions
 * and no product code imports local/ or bench/. shared/errors.ts is every layer's.
 */
const NOT_PRODUCT = ["./local", "./bench", "./test", "./scripts"];
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
    settings: { "import/resolver": { node: { extensions: [".ts", ".js", ".json"] } } },
    rules: {
      "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: boundaries }],
    },
  },
);
