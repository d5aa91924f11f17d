import { ResponseType, type Client } from "@microsoft/microsoft-graph-client";
import type { SignIn, UserRegistrationDetails } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import { allPages, graphError, simulatorClient, type Page } from "./contract-client";
import { schemaErrors, validators } from "./contract-schemas";

/** Sign-in logs and registration details through the Graph SDK (reports throttling off unless tested). */
const SIGN_INS = "/auditLogs/signIns";
const REGISTRATION = "/reports/authenticationMethods/userRegistrationDetails";
const PREFER = "include-unknown-enum-members";

const results = (signIns: SignIn[]) =>
  signIns.flatMap((s) => (s.appliedConditionalAccessPolicies ?? []).map((p) => p.result ?? ""));

function expectNewestFirst(signIns: SignIn[]): void {
  const times = signIns.map((s) => Date.parse(s.createdDateTime ?? ""));
  expect(times).toEqual([...times].sort((a, b) => b - a));
}

// Sign-ins are generated on demand; give slow shared CI machines some room.
jest.setTimeout(20_000);

describe("Graph simulator contract: reports", () => {
  let clock: ManualClock;
  let sim: GraphSimulator;
  let client: Client;
  let policyCreatedAt: string;

  beforeAll(async () => {
    clock = new ManualClock("2026-01-12T08:00:00Z");
    sim = await startGraphSimulator({ scenario: "clean", seed: 5, clock, throttling: { enabled: false } });
    client = simulatorClient(sim);
    policyCreatedAt = clock.now().toISOString();
    await client.api("/identity/conditionalAccess/policies").post({
      displayName: "contract: require MFA (report-only)",
      state: "enabledForReportingButNotEnforced",
      conditions: {
        users: { includeUsers: ["All"] },
        applications: { includeApplications: ["All"] },
        clientAppTypes: ["all"],
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
    clock.advanceBy(2 * 24 * 3600_000);
  });

  afterAll(async () => {
    await sim.stop();
  });

  afterEach(() => sim.setThrottling({ enabled: false }));

  const since = () => `createdDateTime ge ${policyCreatedAt}`;

  describe("sign-ins", () => {
    it("defaults to pages of at most 1000, newest first, every item schema-valid", async () => {
      const page = (await client.api(SIGN_INS).header("Prefer", PREFER).get()) as Page<SignIn>;
      expect(page.value.length).toBeGreaterThan(0);
      expect(page.value.length).toBeLessThanOrEqual(1000);
      expectNewestFirst(page.value);
      const errors = new Set(
        page.value.map((s) => schemaErrors(validators.signIn, s)).filter((e) => e !== ""),
      );
      expect([...errors]).toEqual([]);
    });

    it("pages through a window with opaque nextLinks: no gaps, no repeats, still newest first", async () => {
      const filter = `${since()} and createdDateTime le ${new Date(Date.parse(policyCreatedAt) + 24 * 3600_000).toISOString()}`;
      const whole = (await client.api(SIGN_INS).filter(filter).get()) as Page<SignIn>;
      expect(whole["@odata.nextLink"]).toBeUndefined();
      const pages = await allPages<SignIn>(
        client,
        (await client.api(SIGN_INS).filter(filter).top(25).get()) as Page<SignIn>,
      );
      const paged = pages.flatMap((p) => p.value);
      expect(pages.length).toBe(Math.ceil(whole.value.length / 25));
      expect(paged.map((s) => s.id)).toEqual(whole.value.map((s) => s.id));
      expectNewestFirst(paged);
      const errors = new Set(paged.map((s) => schemaErrors(validators.signIn, s)).filter((e) => e !== ""));
      expect([...errors]).toEqual([]);
      expect(pages[0]?.["@odata.nextLink"]).toMatch(/\$skiptoken=/);
      expect(pages[0]?.["@odata.nextLink"]).not.toContain("createdDateTime");
    });

    it("applies every supported filter form", async () => {
      // Bounded to the last two days: an unbounded filter makes the tenant generate 30 days of logs.
      const sample = ((await client.api(SIGN_INS).filter(since()).top(50).get()) as Page<SignIn>).value;
      const first = sample[0] as SignIn;
      const recent = (s: SignIn) => (s.createdDateTime ?? "") >= policyCreatedAt;
      const cases: [string, (s: SignIn) => boolean][] = [
        [`userId eq '${first.userId ?? ""}'`, (s) => s.userId === first.userId],
        [`appId eq '${first.appId ?? ""}' and ${since()}`, (s) => s.appId === first.appId && recent(s)],
        [`status/errorCode eq 0 and ${since()}`, (s) => s.status?.errorCode === 0 && recent(s)],
        [
          `conditionalAccessStatus eq 'notApplied' and ${since()}`,
          (s) => s.conditionalAccessStatus === "notApplied" && recent(s),
        ],
        [
          `userPrincipalName eq '${(first.userPrincipalName ?? "").toUpperCase()}' and ${since()}`,
          (s) => s.userPrincipalName === first.userPrincipalName && recent(s),
        ],
        [
          `startsWith(userPrincipalName,'a') and ${since()}`,
          (s) => (s.userPrincipalName ?? "").toLowerCase().startsWith("a") && recent(s),
        ],
        [
          `createdDateTime eq ${first.createdDateTime ?? ""}`,
          (s) => Date.parse(s.createdDateTime ?? "") === Date.parse(first.createdDateTime ?? ""),
        ],
        [
          `(userId eq '${first.userId ?? ""}' or status/errorCode eq 50074) and ${since()}`,
          (s) => (s.userId === first.userId || s.status?.errorCode === 50074) && recent(s),
        ],
      ];
      for (const [filter, expected] of cases) {
        const value = ((await client.api(SIGN_INS).filter(filter).get()) as Page<SignIn>).value;
        expect({ filter, matches: value.length > 0 && value.every(expected) }).toEqual({
          filter,
          matches: true,
        });
      }
    });

    it("returns only the $select-ed sign-in properties, still schema-valid", async () => {
      const page = (await client
        .api(SIGN_INS)
        .filter(since())
        .select(["id", "createdDateTime", "userId", "status"])
        .top(20)
        .get()) as Page<SignIn>;
      expect(page.value.length).toBe(20);
      for (const signIn of page.value) {
        expect(Object.keys(signIn).sort()).toEqual(["createdDateTime", "id", "status", "userId"]);
        expect(schemaErrors(validators.signInPartial, signIn)).toBe("");
      }
    });

    it("rejects unsupported operators and properties, $top above 1000 and a tampered $skiptoken with 400", async () => {
      for (const filter of [
        "userId ne 'x'",
        "createdDateTime gt 2026-01-01T00:00:00Z",
        "city eq 'Paris'",
        "userId eq",
      ]) {
        const error = await graphError(client.api(SIGN_INS).filter(filter).get());
        expect({ filter, status: error.statusCode }).toEqual({ filter, status: 400 });
      }
      expect((await graphError(client.api(SIGN_INS).top(1001).get())).statusCode).toBe(400);
      const next = ((await client.api(SIGN_INS).top(5).get()) as Page<SignIn>)["@odata.nextLink"] ?? "";
      const tampered = next.replace(/skiptoken=(.)/, (_m, c: string) => `skiptoken=${c === "A" ? "B" : "A"}`);
      expect((await graphError(client.api(tampered).get())).statusCode).toBe(400);
    });

    it("hides reportOnly* results as unknownFutureValue unless Prefer: include-unknown-enum-members is sent", async () => {
      const plainRaw = (await client
        .api(SIGN_INS)
        .filter(since())
        .responseType(ResponseType.RAW)
        .get()) as Response;
      expect(plainRaw.headers.get("Preference-Applied")).toBeNull();
      const plain = results(((await plainRaw.json()) as Page<SignIn>).value);
      expect(plain.some((r) => r.startsWith("reportOnly"))).toBe(false);
      expect(plain).toContain("unknownFutureValue");

      const preferRaw = (await client
        .api(SIGN_INS)
        .filter(since())
        .header("Prefer", PREFER)
        .responseType(ResponseType.RAW)
        .get()) as Response;
      expect(preferRaw.headers.get("Preference-Applied")).toBe(PREFER);
      const preferred = results(((await preferRaw.json()) as Page<SignIn>).value);
      expect(preferred.some((r) => r.startsWith("reportOnly"))).toBe(true);
      expect(preferred).not.toContain("unknownFutureValue");
    });

    it("allows 5 report requests per 10 s, then 429 with Retry-After until the clock moves", async () => {
      sim.setThrottling({ enabled: true });
      for (let i = 0; i < 5; i++) await client.api(SIGN_INS).top(1).get();
      const throttled = await graphError(client.api(REGISTRATION).get());
      expect(throttled.statusCode).toBe(429);
      expect(Number(throttled.headers?.get("Retry-After"))).toBeGreaterThan(0);
      clock.advanceBy(10_000);
      await expect(client.api(SIGN_INS).top(1).get()).resolves.toBeDefined();
    });
  });

  describe("registration details", () => {
    const all = async (request = client.api(REGISTRATION)) =>
      (
        await allPages<UserRegistrationDetails>(
          client,
          (await request.get()) as Page<UserRegistrationDetails>,
        )
      ).flatMap((p) => p.value);

    it("lists every user's details, schema-valid", async () => {
      const details = await all();
      expect(details.length).toBe(sim.tenant.registrationDetails().length);
      const errors = new Set(
        details.map((d) => schemaErrors(validators.registration, d)).filter((e) => e !== ""),
      );
      expect([...errors]).toEqual([]);
    });

    it("pages with nextLink", async () => {
      const pages = await allPages<UserRegistrationDetails>(
        client,
        (await client.api(REGISTRATION).top(20).get()) as Page<UserRegistrationDetails>,
      );
      expect(pages.length).toBe(Math.ceil(sim.tenant.registrationDetails().length / 20));
      expect(new Set(pages.flatMap((p) => p.value.map((d) => d.id))).size).toBe(
        sim.tenant.registrationDetails().length,
      );
    });

    it("filters booleans with eq, methodsRegistered with any() and names with eq/startsWith", async () => {
      const source = sim.tenant.registrationDetails();
      const method = source.flatMap((d) => d.methodsRegistered ?? [])[0] ?? "mobilePhone";
      const someone = source[2] as UserRegistrationDetails;
      const cases: [string, (d: UserRegistrationDetails) => boolean][] = [
        ["isMfaRegistered eq true", (d) => d.isMfaRegistered === true],
        [
          "isAdmin eq false and isSsprEnabled eq true",
          (d) => d.isAdmin === false && d.isSsprEnabled === true,
        ],
        [`methodsRegistered/any(m: m eq '${method}')`, (d) => (d.methodsRegistered ?? []).includes(method)],
        [`userPrincipalName eq '${someone.userPrincipalName ?? ""}'`, (d) => d.id === someone.id],
        ["startsWith(userDisplayName,'b')", (d) => (d.userDisplayName ?? "").toLowerCase().startsWith("b")],
      ];
      for (const [filter, predicate] of cases) {
        const got = await all(client.api(REGISTRATION).filter(filter));
        expect({ filter, ids: got.map((d) => d.id).sort() }).toEqual({
          filter,
          ids: source
            .filter(predicate)
            .map((d) => d.id)
            .sort(),
        });
      }
      expect(
        (await graphError(client.api(REGISTRATION).filter("isMfaRegistered ne true").get())).statusCode,
      ).toBe(400);
    });

    it("orders with $orderby and rejects an unknown order property", async () => {
      const got = await all(client.api(REGISTRATION).orderby("userPrincipalName desc"));
      const upns = got.map((d) => (d.userPrincipalName ?? "").toLowerCase());
      expect(upns).toEqual([...upns].sort().reverse());
      expect((await graphError(client.api(REGISTRATION).orderby("shoeSize").get())).statusCode).toBe(400);
    });
  });
});
