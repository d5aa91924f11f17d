/**
 * The real Durable Task extension suite (`npm run test:real-durable`): needs the .NET 10 SDK and
 * the built host in local/webjobs-host, so it is not one of `npm test`'s projects.
 */
/** @type {import('jest').Config} */
module.exports = {
  displayName: "real-durable",
  testEnvironment: "node",
  roots: ["<rootDir>/test/real-durable"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/real-durable/setup-plan-limits.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false, isolatedModules: true }],
  },
};
