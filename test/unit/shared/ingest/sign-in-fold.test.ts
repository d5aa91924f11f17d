import type { SignIn } from "@microsoft/microsoft-graph-types";
import fc from "fast-check";
import { createCounters, type SignInCounters } from "../../../../shared/domain";
import { createSignInFold, type TimeStretch } from "../../../../shared/ingest";
import {
  LEGACY_CLIENT_APPS,
  MFA_INTERRUPT_CODES,
  MFA_TERMINAL_CODES,
  SERVICE_ERROR_CODES,
  MFA_FAILURE_CODES,
} from "../../../../shared/domain/defaults";
import { emptyTally, type UserTally } from "../../../../shared/domain/signins/user-tally";
import { clusterKeyOf } from "../../../../shared/domain/signins/cluster-key";
import { c, POLICY, signIn, u, type SignInSpec } from "../domain/fixtures";

interface Member {
  waveIndex: number;
  stage: "reportOnly" | "enforced";
}

interface WindowSpec {
  policyId: string | null;
  cohort: (member: Member) => boolean;
  stretch: TimeStretch;
  holds?: TimeStretch;
}

const T0 = Date.parse("2026-01-06T00:00:00Z");
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const at = (spec: SignInSpec, time: string | undefined): SignIn => ({
  ...signIn(spec),
  createdDateTime: time,
});

/**
 * Attempts counted the obvious way, as docs/SIGN-IN-EVIDENCE.md states the rules: rows grouped by
 * user and correlation id; an attempt begins at its earliest row and succeeds with any errorCode-0
 * row; without one it fails at MFA on a terminal code or on a prompt (also a prompt with a service
 * error to a client that cannot answer it), else for the service on a service error; rows with no
 * MFA code and no success (a wrong password) are no attempt. Counted in each window whose cohort
 * holds the user and whose stretch, less what it holds, holds the attempt's beginning.
 */
function foldTheOldWay(population: ReadonlyMap<string, Member>, windows: WindowSpec[], signIns: SignIn[]) {
  const legacy = new Set(LEGACY_CLIENT_APPS.map((c) => c.toLowerCase()));
  const interrupts = new Set(MFA_INTERRUPT_CODES);
  const terminals = new Set(MFA_TERMINAL_CODES);
  const service = new Set(SERVICE_ERROR_CODES);
  interface Attempt {
    userId: string;
    member: Member;
    rows: SignIn[];
  }
  const attempts = new Map<string, Attempt>();
  const lowerIds = new Map([...population].map(([id, m]) => [id.toLowerCase(), { id, m }]));
  for (const s of signIns) {
    const found = s.userId ? lowerIds.get(s.userId.toLowerCase()) : undefined;
    const code = s.status?.errorCode ?? 0;
    if (!found || (code !== 0 && !interrupts.has(code) && !terminals.has(code) && !service.has(code)))
      continue;
    const key = `${found.id.toLowerCase()}|${s.correlationId?.toLowerCase()}`;
    const attempt = attempts.get(key) ?? { userId: found.id.toLowerCase(), member: found.m, rows: [] };
    attempt.rows.push(s);
    attempts.set(key, attempt);
  }
  const counters = windows.map((w) => createCounters(w.policyId));
  for (const { userId, member, rows } of attempts.values()) {
    const times = rows.map((r) => timeOf(r.createdDateTime)).filter((t) => !Number.isNaN(t));
    if (times.length === 0) continue;
    const begins = Math.min(...times);
    const first = rows[0] as SignIn;
    const codes = rows.map((r) => r.status?.errorCode ?? 0);
    const noPrompt =
      legacy.has((first.clientAppUsed ?? "").toLowerCase()) || rows.some((r) => r.isInteractive === false);
    const success = codes.includes(0);
    const terminal = codes.find((c) => terminals.has(c));
    const serviceCode = codes.find((c) => service.has(c));
    const interrupt = codes.find((c) => interrupts.has(c));
    const mfaFailed =
      !success &&
      (terminal !== undefined || (interrupt !== undefined && (noPrompt || serviceCode === undefined)));
    const serviceFailed = !success && !mfaFailed && serviceCode !== undefined;
    const code = terminal ?? serviceCode ?? interrupt;
    windows.forEach((w, i) => {
      const inStretch = begins >= w.stretch.from && begins <= w.stretch.until;
      const held = w.holds !== undefined && begins >= w.holds.from && begins <= w.holds.until;
      if (!inStretch || held || !w.cohort(member)) return;
      const tally: UserTally = ((counters[i] as SignInCounters).users[userId] ??= emptyTally());
      tally.attempts += 1;
      if (mfaFailed) tally.failures += 1;
      if (serviceFailed) tally.serviceFailures += 1;
      if ((mfaFailed || serviceFailed) && code !== undefined)
        tally.failureCodes[code] = (tally.failureCodes[code] ?? 0) + 1;
      if (legacy.has((first.clientAppUsed ?? "").toLowerCase())) tally.legacyAttempts += 1;
      const slot = reportOnlyOf(rows, w.policyId);
      if (slot !== undefined) tally.reportOnly[slot] += 1;
      const key = clusterKeyOf(
        first.appDisplayName || first.appId || "unknown app",
        first.clientAppUsed ?? "unknown client",
        first.deviceDetail?.operatingSystem || "unknown platform",
      );
      const cell = (tally.byCluster[key] ??= [0, 0]);
      cell[0] += 1;
      if (mfaFailed) cell[1] += 1;
    });
  }
  return counters.map((c) => JSON.parse(JSON.stringify(c)) as unknown);
}

/** Milliseconds, with Graph's seven fractional digits kept (a row 100 ns after a bound is after it). */
function timeOf(text: string | null | undefined): number {
  const ms = Date.parse(text ?? "");
  const sevenDigits = /\.\d{3}(\d{4})Z$/.exec(text ?? "");
  return sevenDigits ? ms + Number(sevenDigits[1]) / 10_000 : ms;
}

/** The attempt's report-only result of the policy (any policy for null): the most alarming of its rows'. */
function reportOnlyOf(rows: SignIn[], policyId: string | null): 0 | 1 | 2 | 3 | undefined {
  const slots = {
    reportOnlySuccess: 0,
    reportOnlyFailure: 1,
    reportOnlyInterrupted: 2,
    reportOnlyNotApplied: 3,
  } as const;
  const rank = [2, 0, 1, 3];
  let best: 0 | 1 | 2 | 3 | undefined;
  for (const row of rows) {
    for (const p of row.appliedConditionalAccessPolicies ?? []) {
      if (policyId !== null && p.id?.toLowerCase() !== policyId) continue;
      const slot = slots[p.result as keyof typeof slots] as 0 | 1 | 2 | 3 | undefined;
      if (slot !== undefined && (best === undefined || (rank[slot] as number) < (rank[best] as number)))
        best = slot;
    }
  }
  return best;
}

function foldTheNewWay(
  population: ReadonlyMap<string, Member>,
  windows: WindowSpec[],
  signIns: SignIn[],
  pageSize = 7,
) {
  const counters = windows.map((w) => createCounters(w.policyId));
  const fold = createSignInFold(
    population,
    windows.map((w, i) => ({
      counters: counters[i] as SignInCounters,
      cohort: w.cohort,
      stretch: w.stretch,
      holds: w.holds,
    })),
  );
  for (let i = 0; i < signIns.length; i += pageSize) fold.addPage(signIns.slice(i, i + pageSize));
  fold.finish();
  return counters.map((c) => JSON.parse(JSON.stringify(c)) as unknown);
}

/** u(1)..u(6) in wave 1 (the wave), u(7)..u(9) in wave 2 (control), u(10)..u(12) already enforced. */
const population = new Map<string, Member>(
  Array.from({ length: 12 }, (_, i): [string, Member] => [
    u(i + 1),
    i < 6
      ? { waveIndex: 1, stage: "reportOnly" }
      : i < 9
        ? { waveIndex: 2, stage: "reportOnly" }
        : { waveIndex: 0, stage: "enforced" },
  ]),
);
const wave = (m: Member) => m.waveIndex === 1;
const control = (m: Member) => m.waveIndex !== 1 && m.stage !== "enforced";
const day: TimeStretch = { from: T0, until: T0 + 24 * HOUR };

describe("createSignInFold counts attempts as the rules say", () => {
  it("counts only population members, whatever the case of their ids, and skips no one for a missing id", () => {
    const signIns = [
      at({ user: 1 }, iso(T0 + HOUR)),
      at({ user: u(4).toUpperCase(), code: 50074 }, iso(T0 + HOUR)),
      at({ user: 99 }, iso(T0 + HOUR)), // outside the population
      { ...at({ user: 4 }, iso(T0 + HOUR)), userId: undefined },
      { ...at({ user: 4 }, iso(T0 + HOUR)), userId: "" },
      at({ user: 7, reportOnly: "reportOnlyFailure" }, iso(T0 + 2 * HOUR)),
      at({ user: 10 }, iso(T0 + 2 * HOUR)), // enforced: in neither cohort
    ];
    const windows = [
      { policyId: POLICY, cohort: wave, stretch: day },
      { policyId: POLICY, cohort: control, stretch: day },
    ];
    const counted = foldTheNewWay(population, windows, signIns);
    expect(counted).toEqual(foldTheOldWay(population, windows, signIns));
    const waveCounters = counted[0] as SignInCounters;
    expect(Object.keys(waveCounters.users)).toEqual([u(1), u(4)]);
    expect(Object.keys((counted[1] as SignInCounters).users)).toEqual([u(7)]);
    expect(waveCounters.users[u(4)]).toMatchObject({
      attempts: 1,
      failures: 1,
      failureCodes: { "50074": 1 },
    });
    expect(waveCounters.skipped).toBe(0);
  });

  it("keeps each window to its own stretch, bounds included, in any spelling of the time", () => {
    const early: TimeStretch = { from: T0 + HOUR, until: T0 + 2 * HOUR };
    const late: TimeStretch = { from: T0 + 2 * HOUR + 500, until: T0 + 3 * HOUR };
    const times = [
      iso(T0 + HOUR - 1000),
      iso(T0 + HOUR),
      iso(T0 + 2 * HOUR),
      "2026-01-06T02:00:00.400Z", // inside `early`? no: after its end; before `late`'s fraction
      "2026-01-06T02:00:00.700Z",
      iso(T0 + 2 * HOUR + 1000),
      "2026-01-06T04:00:00+01:00", // 03:00Z, the end of `late`
      iso(T0 + 3 * HOUR + 1000),
      "not a time",
      undefined,
    ];
    const signIns = times.flatMap((time, i) => [at({ user: 7 + (i % 3) }, time), at({ user: 1 }, time)]);
    const windows = [
      { policyId: POLICY, cohort: wave, stretch: early },
      { policyId: POLICY, cohort: wave, stretch: late },
      { policyId: null, cohort: control, stretch: late },
    ];
    const counted = foldTheNewWay(population, windows, signIns);
    expect(counted).toEqual(foldTheOldWay(population, windows, signIns));
    expect((counted[0] as SignInCounters).users[u(1)]?.attempts).toBe(2);
    expect((counted[1] as SignInCounters).users[u(1)]?.attempts).toBe(3);
  });

  it("leaves out the stretch a window already holds when it grows at either end", () => {
    const holds: TimeStretch = { from: T0 + 2 * HOUR, until: T0 + 3 * HOUR };
    const signIns = [0, 1, 2, 2.5, 3, 4, 5].map((h) => at({ user: 1 }, iso(T0 + h * HOUR)));
    const windows = [
      { policyId: POLICY, cohort: wave, stretch: { from: T0, until: T0 + 5 * HOUR }, holds },
      { policyId: POLICY, cohort: () => true, stretch: { from: T0 + 3 * HOUR, until: T0 + 4 * HOUR }, holds },
    ];
    const counted = foldTheNewWay(population, windows, signIns);
    expect(counted).toEqual(foldTheOldWay(population, windows, signIns));
    expect((counted[0] as SignInCounters).users[u(1)]?.attempts).toBe(4); // 0, 1, 4, 5
    expect((counted[1] as SignInCounters).users[u(1)]?.attempts).toBe(1); // 4
  });

  it("counts failures, legacy clients, report-only results and many clusters per user", () => {
    const specs: SignInSpec[] = [
      { user: 1, code: 50074, app: "Outlook", client: "Mobile Apps and Desktop clients", os: "Ios" },
      { user: 1, code: 500121, app: "Teams", os: "Android" },
      { user: 1, code: 50000, app: "Teams", os: "Android" },
      { user: 1, code: 50126, app: "SharePoint" },
      { user: 1, client: "Exchange ActiveSync", app: "Exchange" },
      { user: 1, client: "IMAP4", app: "Exchange", reportOnly: "reportOnlyFailure" },
      { user: 1, app: "Sales | EU", reportOnly: "reportOnlySuccess", policyId: POLICY.toUpperCase() },
      { user: 1, app: "Outlook", client: "Mobile Apps and Desktop clients", os: "Ios" },
      { user: 4, reportOnly: "reportOnlyInterrupted", policyId: u(77) },
      { user: 4, reportOnly: "reportOnlyNotApplied" },
    ];
    const signIns = specs.map((spec, i) => at(spec, iso(T0 + i * 1000)));
    const windows = [
      { policyId: POLICY, cohort: wave, stretch: day },
      { policyId: null, cohort: () => true, stretch: day },
    ];
    const counted = foldTheNewWay(population, windows, signIns, 3);
    expect(counted).toEqual(foldTheOldWay(population, windows, signIns));
    const tally = (counted[0] as SignInCounters).users[u(1)];
    // The wrong password (50126, SharePoint) is no attempt: no cluster, no count.
    expect(Object.keys(tally?.byCluster ?? {})).toHaveLength(5);
    expect(tally).toMatchObject({
      attempts: 7,
      failures: 2,
      serviceFailures: 1,
      legacyAttempts: 2,
      reportOnly: [1, 1, 0, 0],
    });
  });

  it("keeps one cell per cluster key when the cluster cache is emptied half way", () => {
    // Past 10,000 clusters the cache starts afresh, so one key may come back as a new object.
    const signIns = Array.from({ length: 10_050 }, (_, i) =>
      at({ user: 1 + (i % 3), app: i % 2 === 0 ? "Common" : `App ${i}` }, iso(T0 + i * 1000)),
    );
    const windows = [
      { policyId: POLICY, cohort: () => true, stretch: { from: T0, until: T0 + 4 * 24 * HOUR } },
    ];
    const counted = foldTheNewWay(population, windows, signIns, 1000);
    expect(counted).toEqual(foldTheOldWay(population, windows, signIns));
  });

  it("counts members whose ids are not GUIDs, without case", () => {
    const odd = new Map<string, Member>([
      ["legacy-user", { waveIndex: 1, stage: "reportOnly" }],
      [u(1), { waveIndex: 1, stage: "reportOnly" }],
    ]);
    const signIns = [
      at({ user: "LEGACY-USER" }, iso(T0)),
      at({ user: "legacy-user", code: 50074 }, iso(T0)),
      at({ user: "other" }, iso(T0)),
    ];
    const windows = [{ policyId: POLICY, cohort: wave, stretch: day }];
    const counted = foldTheNewWay(odd, windows, signIns);
    expect(counted).toEqual(foldTheOldWay(odd, windows, signIns));
    expect((counted[0] as SignInCounters).users["legacy-user"]?.attempts).toBe(2);
  });

  it("adds to tallies the counters already hold, as one fold of all the rows would", () => {
    const before = [at({ user: 1, app: "A" }, iso(T0)), at({ user: 5, code: 50074 }, iso(T0))];
    const after = [
      at({ user: 4 }, iso(T0)),
      at({ user: 1, app: "B", code: 50074 }, iso(T0)),
      at({ user: 1, app: "A" }, iso(T0)),
    ];
    const foldInto = (counters: SignInCounters, rows: SignIn[]) => {
      const fold = createSignInFold(population, [{ counters, cohort: wave, stretch: day }]);
      fold.addPage(rows);
      fold.finish();
    };
    const expected = createCounters(POLICY);
    foldInto(expected, [...before, ...after]);
    const counters = createCounters(POLICY);
    foldInto(counters, before);
    foldInto(counters, after);
    expect(counters).toEqual(expected);
  });

  it("reports the rows taken into attempts, and refuses use after finish or shared counters", () => {
    const counters = createCounters(POLICY);
    const fold = createSignInFold(population, [
      { counters, cohort: wave, stretch: day },
      { counters: createCounters(POLICY), cohort: () => true, stretch: day },
    ]);
    fold.addPage([
      at({ user: 1 }, iso(T0)), // both windows: counted once
      at({ user: 7 }, iso(T0)),
      at({ user: 99 }, iso(T0)),
      at({ user: 1 }, iso(day.until + HOUR)), // read (past the stretch), counted in no window
    ]);
    expect(fold.counted).toBe(3);
    fold.finish();
    expect(() => fold.add(at({ user: 1 }, iso(T0)))).toThrow(/finished/);
    expect(() => fold.finish()).toThrow(/finished/);
    expect(() =>
      createSignInFold(population, [
        { counters, cohort: wave, stretch: day },
        { counters, cohort: control, stretch: day },
      ]),
    ).toThrow(/counters of its own/);
  });

  it("agrees with the rules on random logs, populations and windows", () => {
    const ids = Array.from({ length: 8 }, (_, i) => u(i + 1));
    const hours = (h: number) => T0 + Math.round(h * HOUR);
    const arbStretch = fc
      .tuple(
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([a, b, ms]) => ({ from: hours(Math.min(a, b)) + ms, until: hours(Math.max(a, b)) }));
    const arbWindow = fc.record({
      policyId: fc.constantFrom(POLICY, null),
      wave: fc.integer({ min: 0, max: 3 }),
      stretch: arbStretch,
      holds: fc.option(arbStretch, { nil: undefined }),
    });
    const arbTime = fc.oneof(
      fc.integer({ min: -1, max: 25 * 4 }).map((q) => iso(T0 + q * 15 * 60_000)),
      fc.integer({ min: 0, max: 24 * 3600 }).map((s) => new Date(T0 + s * 1000 + 250).toISOString()),
      // As Graph writes it, seven fractional digits; a few seconds apart, so they often share a second.
      fc
        .tuple(
          fc.integer({ min: -2, max: 25 * 4 }),
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 9_999_999 }),
        )
        .map(([q, s, f]) =>
          iso(T0 + q * 15 * 60_000 + s * 1000).replace("Z", `.${String(f).padStart(7, "0")}Z`),
        ),
      fc.constant(undefined),
    );
    const arbSignIn = fc.record({
      user: fc.oneof(
        fc.constantFrom(...ids),
        fc.constantFrom(...ids).map((id) => id.toUpperCase()),
        fc.constant(u(500)),
      ),
      code: fc.constantFrom(0, 0, 0, 50126, ...MFA_FAILURE_CODES, ...SERVICE_ERROR_CODES),
      app: fc.constantFrom("Outlook", "Teams", "Sales | EU", ""),
      client: fc.constantFrom("Browser", "Exchange ActiveSync", "Mobile Apps and Desktop clients"),
      os: fc.constantFrom("Windows10", "Ios", ""),
      reportOnly: fc.option(
        fc.constantFrom(
          "reportOnlySuccess",
          "reportOnlyFailure",
          "reportOnlyInterrupted",
          "reportOnlyNotApplied",
        ),
        { nil: undefined },
      ),
      policyId: fc.constantFrom(POLICY, POLICY.toUpperCase(), u(77)),
      // A few attempts per user, so rows share a correlation in any order (one id in two spellings).
      attempt: fc.integer({ min: 0, max: 2 }),
      upperCorrelation: fc.boolean(),
      interactive: fc.option(fc.boolean(), { nil: undefined }),
      time: arbTime,
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 0, max: 3 })), { maxLength: 8 }),
        fc.array(arbWindow, { minLength: 1, maxLength: 4 }),
        fc.array(arbSignIn, { maxLength: 60 }),
        (members, windowSpecs, specs) => {
          const pop = new Map(members.map(([id, w]) => [id, { waveIndex: w, stage: "reportOnly" as const }]));
          const windows = windowSpecs.map((w) => ({
            policyId: w.policyId,
            cohort: (m: Member) => m.waveIndex === w.wave,
            stretch: w.stretch,
            ...(w.holds ? { holds: w.holds } : {}),
          }));
          const signIns = specs.map(({ time, attempt, upperCorrelation, ...spec }) => {
            const correlation = c(parseInt(spec.user.slice(-3), 16) * 4 + attempt);
            return at(
              { ...spec, correlation: upperCorrelation ? correlation.toUpperCase() : correlation },
              time,
            );
          });
          expect(foldTheNewWay(pop, windows, signIns, 5)).toEqual(foldTheOldWay(pop, windows, signIns));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
