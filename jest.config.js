/** Unit suites run in-process; integration suites share one Azurite started in global setup. */
// Transpile only: `npm run typecheck` checks types once, instead of ts-jest per test file.
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false, isolatedModules: true }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test/unit"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      roots: ["<rootDir>/test/integration"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      globalSetup: "<rootDir>/test/integration/global-setup.ts",
      globalTeardown: "<rootDir>/test/integration/global-teardown.ts",
    },
    {
      // Crash points, fault storms and fuzzing: the whole stack, many runs; `npm run test:chaos`.
      displayName: "chaos",
      testEnvironment: "node",
      roots: ["<rootDir>/test/chaos"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      globalSetup: "<rootDir>/test/integration/global-setup.ts",
      globalTeardown: "<rootDir>/test/integration/global-teardown.ts",
    },
  ],
};
