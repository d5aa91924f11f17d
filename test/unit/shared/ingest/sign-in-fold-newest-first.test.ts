import type { SignIn } from "@microsoft/microsoft-graph-types";
import fc from "fast-check";
import { ATTEMPT_WINDOW, createCounters, isoDurationMs } from "../../../../shared/domain";
import { createSignInFold, type TimeStretch } from "../../../../shared/ingest";
import { c, POLICY, signIn, u, type SignInSpec } from "../domain/fixtures";

const W = isoDurationMs(ATTEMPT_WINDOW);
const T0 = Date.parse("2026-01-06T12:00:00Z");
/** Graph's spelling: seven fractional digits. */
const iso7 = (ms: number) => new Date(ms).toISOString().replace("Z", "0000Z");
const day: TimeStretch = { from: T0 - 24 * 3_600_000, until: T0 + 24 * 3_600_000 };
const row = (spec: SignInSpec, ms: number): SignIn => signIn({ ...spec, at: iso7(ms) });
const newestFirst = (rows: SignIn[]) =>
  [...rows].sort((a, b) => ((a.createdDateTime ?? "") < (b.createdDateTime ?? "") ? 1 : -1));

/** The counters of one window over all of `users` after folding `rows` in pages of `pageSize`. */
function fold(
  rows: SignIn[],
  options: { newestFirst?: boolean },
  pageSize = 1000,
  users = [u(1), u(2), u(3)],
) {
  const counters = createCounters(POLICY);
  const population = new Map(users.map((id) => [id, id]));
  const f = createSignInFold(population, [{ counters, cohort: () => true, stretch: day }], options);
  for (let i = 0; i < rows.length; i += pageSize) f.addPage(rows.slice(i, i + pageSize));
  f.finish();
  return JSON.parse(JSON.stringify(counters)) as unknown;
}

/** Another user's attempts every minute from `from` down to `to`, so the read moves on between rows. */
function filler(from: number, to: number): SignIn[] {
  const rows: SignIn[] = [];
  for (let t = from; t >= to; t -= 60_000) rows.push(row({ user: 3 }, t));
  return rows;
}

describe("a fold reading newest first counts and forgets attempts as the read moves on", () => {
  const attemptOf = (counters: unknown, user: string) =>
    (counters as { users: Record<string, { attempts: number; failures: number }> }).users[user];

  it("keeps a prompt and its answer ATTEMPT_WINDOW apart in one attempt, whatever the pages", () => {
    const rows = newestFirst([
      row({ user: 1, code: 50074, correlation: c(1) }, T0),
      row({ user: 1, code: 0, correlation: c(1) }, T0 + W),
      ...filler(T0 + W + 5 * 60_000, T0 - W - 5 * 60_000),
    ]);
    for (const pageSize of [1, 2, 7, 1000]) {
      const counters = fold(rows, { newestFirst: true }, pageSize);
      expect(attemptOf(counters, u(1))).toMatchObject({ attempts: 1, failures: 0 });
      expect(counters).toEqual(fold(rows, {}, pageSize));
    }
  });

  it("counts a prompt more than ATTEMPT_WINDOW before the row that answers it as abandoned, whatever the pages", () => {
    // The answer was read and its attempt counted and forgotten before the prompt's row came: the
    // prompt begins an attempt of its own (nothing completed it within the window), and the answer
    // is counted once, as the completed attempt it began.
    const rows = newestFirst([
      row({ user: 1, code: 50074, correlation: c(1) }, T0),
      row({ user: 1, code: 0, correlation: c(1) }, T0 + W + 1),
      ...filler(T0 + W + 5 * 60_000, T0 - W - 5 * 60_000),
    ]);
    for (const pageSize of [1, 2, 7, 1000]) {
      expect(attemptOf(fold(rows, { newestFirst: true }, pageSize), u(1))).toMatchObject({
        attempts: 2,
        failures: 1,
      });
    }
  });

  it("counts the same as holding every attempt when each correlation's rows lie within ATTEMPT_WINDOW", () => {
    const arbAttempt = fc.record({
      user: fc.integer({ min: 1, max: 4 }),
      start: fc.integer({ min: 0, max: 6 * 3_600_000 }),
      rows: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: W }),
          code: fc.constantFrom(0, 0, 50074, 50076, 50072, 500121, 53003, 50000, 50126),
          client: fc.constantFrom("Browser", "IMAP4", "Mobile Apps and Desktop clients"),
          correlated: fc.boolean(),
          reportOnly: fc.option(fc.constantFrom("reportOnlySuccess", "reportOnlyInterrupted" as const), {
            nil: undefined,
          }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(arbAttempt, { maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        (attempts, pageSize) => {
          const rows = newestFirst(
            attempts.flatMap((attempt, n) =>
              attempt.rows.map((r) =>
                row(
                  {
                    user: attempt.user,
                    code: r.code,
                    client: r.client,
                    ...(r.correlated ? { correlation: c(n) } : {}),
                    ...(r.reportOnly ? { reportOnly: r.reportOnly } : {}),
                  },
                  T0 - attempt.start + r.offset,
                ),
              ),
            ),
          );
          const users = [u(1), u(2), u(3), u(4)];
          expect(fold(rows, { newestFirst: true }, pageSize, users)).toEqual(fold(rows, {}, pageSize, users));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a row out of order that may belong to an attempt it already counted", () => {
    const rows = [
      ...filler(T0 + 30 * 60_000, T0),
      row({ user: 1, code: 0, correlation: c(1) }, T0 + 20 * 60_000),
    ];
    expect(() => fold(rows, { newestFirst: true }, 1)).toThrow(/newest first/);
  });

  it("holds every attempt from the first row out of order on, when nothing was forgotten yet", () => {
    // Oldest first (not Graph's order): the prompt comes first and must still meet its answer.
    const rows = [
      row({ user: 1, code: 50074, correlation: c(1) }, T0),
      ...filler(T0 + 30 * 60_000, T0 + 2 * 60_000).reverse(),
      row({ user: 1, code: 0, correlation: c(1) }, T0 + 60_000),
    ];
    expect(fold(rows, { newestFirst: true }, 1)).toEqual(fold(rows, {}, 1));
    expect(attemptOf(fold(rows, { newestFirst: true }, 1), u(1))).toMatchObject({ attempts: 1, failures: 0 });
  });
});
