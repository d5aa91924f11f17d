/**
 * The infra suite (`npm run test:infra`, run by .ci/run after `npm run infra:check`): contract
 * tests on the ARM JSON that the real Bicep CLI compiles from infra/, and the check's own tests.
 * Kept out of jest.config.js so that `npm test` needs no Bicep CLI and no .NET.
 */
/** @type {import('jest').Config} */
module.exports = {
  displayName: "infra",
  testEnvironment: "node",
  roots: ["<rootDir>/test/infra"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false, isolatedModules: true }],
  },
  globalSetup: "<rootDir>/test/infra/global-setup.ts",
  globalTeardown: "<rootDir>/test/infra/global-teardown.ts",
};
