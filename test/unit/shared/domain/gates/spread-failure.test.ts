import {
  DEFAULT_GATES,
  checkHealth,
  createCounters,
  emptyTally,
  type SignInCounters,
} from "../../../../../shared/domain";
import { failureSpread, isSpreadFailure } from "../../../../../shared/domain/gates/spread-failure";

const APPS = [
  "Outlook|Browser|Windows",
  "Teams|Mobile Apps and Desktop clients|iOS",
  "SharePoint|Browser|macOS",
];

/** `users` users with `attempts` attempts each, user u on app u mod 3; `fail(u, i)` → code or null. */
function wave(
  users: number,
  attempts: number,
  fail: (user: number, attempt: number) => number | null,
  apps: readonly string[] = APPS,
): SignInCounters {
  const counters = createCounters();
  for (let u = 0; u < users; u++) {
    const tally = (counters.users[`u${u}`] = emptyTally());
    for (let i = 0; i < attempts; i++) {
      const key = apps[u % apps.length] as string;
      const code = fail(u, i);
      const cell = (tally.byCluster[key] ??= [0, 0]);
      tally.attempts += 1;
      cell[0] += 1;
      if (code === null) continue;
      tally.failures += 1;
      cell[1] += 1;
      tally.failureCodes[code] = (tally.failureCodes[code] ?? 0) + 1;
    }
  }
  return counters;
}

const test = { allowedRate: 0.06, brokenRate: 0.5, alpha: 0.05 / 15, minUsers: 5, maxShareOfOne: 0.5 };
/** 21 of 30 users' 60 attempts, 7 on each app: about what a 2-hour outage leaves in a 6-hour look. */
const thirdRefused = (code: number) => (u: number, i: number) =>
  (Math.floor(u / 3) + i) % 3 === 0 ? code : null;
const ids = (n: number) => Array.from({ length: n }, (_, u) => `u${u}`);

describe("spread failures: an outage is spread, a broken app is concentrated", () => {
  it("calls refusals (500121) of a third of the attempts over many users and every app spread", () => {
    const spread = failureSpread(wave(30, 2, thirdRefused(500121)));
    expect(spread).toMatchObject({
      attempts: 60,
      terminalFailures: 21,
      code: 500121,
      clustersWithFailures: 3,
    });
    expect(isSpreadFailure(spread, test)).toBe(true);
  });

  it("does not call the same number of attempts abandoned at the prompt (50074) spread: that is enforcement's cost", () => {
    const abandoned = wave(30, 2, thirdRefused(50074));
    expect(isSpreadFailure(failureSpread(abandoned), test)).toBe(false);
  });

  it("does not call refusals on one app spread, however many users use it", () => {
    // Every attempt on the first app fails, none elsewhere: 20 of 60 on one app × client × platform.
    const oneApp = wave(30, 2, (u) => (u % APPS.length === 0 ? 500121 : null));
    const spread = failureSpread(oneApp);
    expect(spread.clustersWithFailures).toBe(1);
    expect(isSpreadFailure(spread, test)).toBe(false);
  });

  it("does not call a few users' refusals spread", () => {
    const fewUsers = wave(30, 6, (u) => (u < 3 ? 500121 : null));
    expect(isSpreadFailure(failureSpread(fewUsers), test)).toBe(false);
  });

  it("does not call the base rate of declined pushes spread, over a whole bake", () => {
    // 40 users × 28 attempts, 1 in 100 declined: spread over users and apps, but at the base rate.
    const declined = wave(40, 28, (u, i) => ((u * 28 + i) % 100 === 0 ? 500121 : null));
    expect(failureSpread(declined).usersWithTerminalFailures).toBeGreaterThanOrEqual(5);
    expect(isSpreadFailure(failureSpread(declined), test)).toBe(false);
  });

  it("pauses the wave through checkHealth with nobody held back when its control cohort barely shows the outage", () => {
    const current = wave(30, 2, thirdRefused(500121));
    const baseline = wave(30, 4, () => null);
    const result = checkHealth({
      waveUserIds: ids(30),
      current,
      baseline,
      control: { current: wave(40, 1, (u) => (u < 2 ? 500121 : null)), baseline: wave(40, 4, () => null) },
      gates: DEFAULT_GATES,
      state: { bakeComplete: false, extensions: 0, waveSize: 30, heldBack: 0 },
    });
    expect(result.systemic.cause).toBe("spreadFailure");
    expect(result.decision.decision).toBe("pause");
    expect(result.decision.holdBack).toEqual([]);
    expect(result.decision.reason).toMatch(
      /systemic: .*error 500121.*nobody held back: 21 of the wave's 60 sign-in attempts were refused/,
    );
  });
});
