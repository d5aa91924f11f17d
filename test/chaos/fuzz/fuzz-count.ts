/** Cases run by the fuzz suites of this jest worker, printed once at the end of each suite. */
export function reportFuzzCases(suite: string, cases: number): void {
  process.stdout.write(`fuzz: ${suite}: ${cases} cases\n`);
}
