/**
 * The domain's unit tests: the test set Stryker runs against each mutant (`npm run test:mutation`).
 * Left out: the two suites that replay whole simulated bakes (tens of seconds each, and every gate
 * mutant is covered by them, so each mutant would cost a minute). `npm test` runs them; the
 * case-by-case tests here pin each boundary instead.
 */
const base = require("./jest.config.js");

const unit = base.projects.find((project) => project.displayName === "unit");

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  displayName: undefined,
  roots: ["<rootDir>/test/unit/shared/domain"],
  testPathIgnorePatterns: [
    "/node_modules/",
    "\\.simulation\\.test\\.ts$",
    "/realistic-log-gates\\.test\\.ts$",
  ],
};
