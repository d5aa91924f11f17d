/**
 * Prints the simulated error rates of the default gates over whole bakes (docs/SIGN-IN-EVIDENCE.md,
 * "What error rates the defaults give"):
 *   npx ts-node --transpile-only test/unit/shared/domain/gates/simulation/print-error-rates.ts [bakes]
 */
import { ERROR_RATE_CASES } from "./error-rate-cases";
import { simulateBakes } from "./bake-simulation";

const bakes = Number(process.argv[2] ?? 1000);
for (const c of ERROR_RATE_CASES) {
  const t = simulateBakes(c.scenario, bakes, c.firstSeed);
  const share = (k: number) => `${((100 * k) / t.bakes).toFixed(1)}%`;
  console.log(
    `${c.name.padEnd(44)} passed ${share(t.ends.passed)}  systemic pause ${share(t.ends.systemicPause)}  ` +
      `fail pause ${share(t.ends.failPause)}  no-verdict pause ${share(t.ends.noVerdictPause)}  ` +
      `shrink-limit pause ${share(t.ends.shrinkPause)}  any hold-back ${share(t.withHoldBacks)}`,
  );
}
