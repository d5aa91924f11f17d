import type { SignIn } from "@microsoft/microsoft-graph-types";
import {
  createCounters,
  MFA_FAILURE_CODES,
  summarize,
  type SignInCounters,
} from "../../../../../shared/domain";
import { createSignInFold, createUsersFold, type TimeStretch } from "../../../../../shared/ingest";
import { c, countersOf, POLICY, signIn, u, type SignInSpec } from "../fixtures";

const T0 = Date.parse("2026-01-06T00:00:00Z");
const MINUTE = 60_000;
/** A time as Graph writes it: seven fractional digits. */
const at = (minutes: number, extra = "1234") =>
  new Date(T0 + minutes * MINUTE).toISOString().replace("Z", `${extra}Z`);

/** One read of the log: the stretch its windows count, with the rows it reads (any order). */
function read(counters: SignInCounters, stretch: TimeStretch, rows: SignIn[]): SignInCounters {
  const fold = createUsersFold(counters, [u(1), u(2)], stretch);
  fold.addPage(rows);
  fold.finish();
  return counters;
}

/** The counting the gates did before attempts: every row on its own, every MFA code a failure. */
function rowsTheOldWay(rows: SignIn[]): { signIns: number; failures: number } {
  const codes = new Set(MFA_FAILURE_CODES);
  return {
    signIns: rows.length,
    failures: rows.filter((r) => codes.has(r.status?.errorCode ?? 0)).length,
  };
}

const prompt = (spec: Partial<SignInSpec> = {}): SignInSpec => ({ user: 1, code: 50074, ...spec });

describe("sign-in attempts", () => {
  it("counts an interrupt followed by a success in the same correlation as one completed attempt", () => {
    const rows = [
      signIn(prompt({ correlation: c(1), at: at(60) })),
      signIn({ user: 1, correlation: c(1), at: at(60.5) }),
    ];
    // What the gates did before: a normal MFA sign-in looked like a failure in every other row.
    expect(rowsTheOldWay(rows)).toEqual({ signIns: 2, failures: 1 });
    const counters = read(createCounters(POLICY), { from: T0, until: T0 + 120 * MINUTE }, rows);
    expect(summarize(counters)).toMatchObject({ signIns: 1, failures: 0, usersWithFailures: 0 });
  });

  it("counts a prompt nothing completed as a failed attempt named by its code", () => {
    const counters = countersOf([
      prompt({ correlation: c(1), app: "Contoso Invoicing", os: "Ios" }),
      prompt({ correlation: c(1), app: "Contoso Invoicing", os: "Ios" }),
    ]);
    expect(counters.users[u(1)]).toMatchObject({
      attempts: 1,
      failures: 1,
      failureCodes: { "50074": 1 },
      byCluster: { "Contoso Invoicing | Browser | Ios": [1, 1] },
    });
  });

  it("names a failed attempt by its terminal code rather than by the prompt before it", () => {
    const counters = countersOf([
      prompt({ correlation: c(1) }),
      { user: 1, code: 500121, correlation: c(1) },
    ]);
    expect(counters.users[u(1)]).toMatchObject({ attempts: 1, failures: 1, failureCodes: { "500121": 1 } });
  });

  it("counts a denied push followed by an approved one as completed", () => {
    const counters = countersOf([
      prompt({ correlation: c(1) }),
      { user: 1, code: 500121, correlation: c(1) },
      { user: 1, correlation: c(1) },
    ]);
    expect(counters.users[u(1)]).toMatchObject({ attempts: 1, failures: 0, failureCodes: {} });
  });

  it("never counts wrong passwords, locked or disabled accounts", () => {
    const counters = countersOf([
      { user: 1, code: 50126 },
      { user: 1, code: 50053 },
      { user: 1, code: 50057 },
      { user: 2, code: 50126, correlation: c(2) },
      { user: 2, correlation: c(2) },
    ]);
    expect(counters.users[u(1)]).toBeUndefined();
    expect(counters.users[u(2)]).toMatchObject({ attempts: 1, failures: 0 });
  });

  it("counts service errors apart, unless the attempt completed", () => {
    const counters = countersOf([
      { user: 1, code: 50000 },
      { user: 2, code: 50000, correlation: c(2) },
      { user: 2, correlation: c(2) },
    ]);
    expect(counters.users[u(1)]).toMatchObject({
      attempts: 1,
      failures: 0,
      serviceFailures: 1,
      failureCodes: { "50000": 1 },
    });
    expect(counters.users[u(2)]).toMatchObject({ attempts: 1, failures: 0, serviceFailures: 0 });
  });

  it("treats a prompt to a client that cannot answer it as a failure (legacy, non-interactive)", () => {
    const counters = countersOf([
      { user: 1, code: 50076, client: "IMAP4", correlation: c(1) },
      { user: 2, code: 50076, interactive: false, correlation: c(2) },
    ]);
    expect(counters.users[u(1)]).toMatchObject({
      attempts: 1,
      failures: 1,
      legacyAttempts: 1,
      failureCodes: { "50076": 1 },
    });
    expect(counters.users[u(2)]).toMatchObject({
      attempts: 1,
      failures: 1,
      legacyAttempts: 0,
      failureCodes: { "50076": 1 },
    });
  });

  it("groups the rows whatever order the pages bring them in (Graph lists newest first)", () => {
    const rows = [
      signIn({ user: 1, correlation: c(1), at: at(10.5) }),
      signIn(prompt({ correlation: c(2), at: at(10.2) })),
      signIn(prompt({ correlation: c(1), at: at(10) })),
    ];
    const counters = read(createCounters(POLICY), { from: T0, until: T0 + 60 * MINUTE }, rows);
    expect(counters.users[u(1)]).toMatchObject({ attempts: 2, failures: 1 });
  });

  it("counts a row read twice (a re-read tail) once", () => {
    const row = signIn(prompt({ correlation: c(1), at: at(10) }));
    const done = signIn({ user: 1, correlation: c(1), at: at(10.4) });
    const counters = read(createCounters(POLICY), { from: T0, until: T0 + 60 * MINUTE }, [
      row,
      done,
      row,
      done,
    ]);
    expect(counters.users[u(1)]).toMatchObject({ attempts: 1, failures: 0 });
  });

  it("groups rows without a correlation id by user, app and client within the attempt window", () => {
    const bare = (spec: SignInSpec): SignIn => ({ ...signIn(spec), correlationId: undefined });
    const rows = [
      bare(prompt({ at: at(10), app: "Teams" })),
      bare({ user: 1, at: at(11), app: "Teams" }),
      bare(prompt({ at: at(50), app: "Teams" })), // 39 minutes later: a new attempt, abandoned
      bare({ user: 1, at: at(10.5), app: "Outlook" }),
    ];
    const counters = read(createCounters(POLICY), { from: T0, until: T0 + 120 * MINUTE }, rows);
    expect(counters.users[u(1)]).toMatchObject({
      attempts: 3,
      failures: 1,
      byCluster: { "Teams | Browser | Windows10": [2, 1], "Outlook | Browser | Windows10": [1, 0] },
    });
  });

  describe("across reads that tile the log and look ATTEMPT_WINDOW beyond their stretch", () => {
    const W = 10 * MINUTE;
    const boundary = T0 + 60 * MINUTE;
    // An attempt straddling the boundary: its prompt in the first stretch, its success in the second.
    const log = [
      signIn(prompt({ correlation: c(1), at: at(59.9, "0000") })),
      signIn({ user: 1, correlation: c(1), at: at(60.2, "0000") }),
      // One that begins in the second stretch, a second after the boundary.
      signIn(prompt({ correlation: c(2), at: at(60.1, "0000") })),
      signIn({ user: 1, correlation: c(2), at: at(60.3, "0000") }),
      // An abandoned prompt at the very end of the first stretch.
      signIn(prompt({ user: 2, correlation: c(3), at: at(60, "0000") })),
    ];
    const rowsIn = (from: number, to: number) =>
      log.filter((r) => {
        const t = Date.parse(r.createdDateTime ?? "");
        return t >= from && t <= to;
      });

    /** A read as collect-sign-ins makes it: the window's new stretch, less what it holds. */
    const readWindow = (counters: SignInCounters, stretch: TimeStretch, holds: TimeStretch | undefined) => {
      const fold = createSignInFold(new Map([u(1), u(2)].map((id) => [id, id])), [
        { counters, cohort: () => true, stretch, holds },
      ]);
      fold.addPage(rowsIn(stretch.from - W, stretch.until + W));
      fold.finish();
    };

    it("counts every attempt once, in the read its first row falls in, as one read of everything would", () => {
      const tiled = createCounters(POLICY);
      readWindow(tiled, { from: T0, until: boundary }, undefined);
      // The attempt that began before the boundary is complete in the first read already.
      expect(tiled.users[u(1)]).toMatchObject({ attempts: 1, failures: 0 });
      expect(tiled.users[u(2)]).toMatchObject({ attempts: 1, failures: 1 });
      readWindow(tiled, { from: boundary, until: T0 + 120 * MINUTE }, { from: T0, until: boundary });
      expect(tiled.users[u(1)]).toMatchObject({ attempts: 2, failures: 0 });
      expect(tiled.users[u(2)]).toMatchObject({ attempts: 1, failures: 1 });
      const whole = createCounters(POLICY);
      readWindow(whole, { from: T0, until: T0 + 120 * MINUTE }, undefined);
      expect(tiled).toEqual(whole);
    });
  });
});
