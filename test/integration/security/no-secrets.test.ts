import { InvocationContext } from "@azure/functions";
import { TableClient, TableServiceClient } from "@azure/data-tables";
import { encodeClientPrincipal } from "../../../shared/auth";
import { seedPlan, startEngine, type EngineRun } from "../engine/engine-fixture";
import { azuriteConnectionString } from "../azurite-env";

jest.setTimeout(240_000);

const HOUR = 3_600_000;
// Recognisable fakes, shaped like the real thing so redaction patterns get a fair test.
const CALLER_JWT =
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJTRUNSRVQtQ0FMTEVSLVRPS0VOIn0.U0VDUkVULVNJR05BVFVSRS0xMjM0NTY";
const FUNCTION_KEY = "fnkey-SECRET-0b7c2d1e9f8a4b3c";
const EASY_AUTH_TOKEN = "easyauth-SECRET-token-5e4d3c2b1a";
const GRAPH_TOKEN = "local-simulator-token"; // the static bearer the stack gives the gateway

const ADMIN = encodeClientPrincipal({
  id: "00000000-0000-4000-8000-00000000ad01",
  name: "secrets-admin@contoso.test",
  roles: ["Rollout.Admin"],
  amr: ["pwd", "mfa"],
});

function accountKeyOf(connectionString: string): string {
  const key = /AccountKey=([^;]+)/.exec(connectionString)?.[1];
  if (!key) throw new Error("the Azurite connection string has no AccountKey");
  return key;
}

/** Everything the app writes to a log: console and every InvocationContext log level. */
function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const text = (args: unknown[]) =>
    args.map((a) =>
      a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a),
    );
  const spies = [
    ...(["log", "info", "warn", "error", "debug", "trace"] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(...text(args));
      }),
    ),
    ...(["log", "info", "warn", "error", "debug", "trace"] as const).map((level) =>
      jest.spyOn(InvocationContext.prototype, level).mockImplementation(function (...args: unknown[]) {
        lines.push(...text(args));
      }),
    ),
  ];
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

async function call(run: EngineRun, method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(new URL(path, run.baseUrl), {
    method,
    headers: {
      "x-ms-client-principal": ADMIN,
      authorization: `Bearer ${CALLER_JWT}`,
      "x-functions-key": FUNCTION_KEY,
      "x-ms-token-aad-access-token": EASY_AUTH_TOKEN,
      "content-type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await response.text();
  return response.status;
}

describe("no tokens or secrets in logs or tables", () => {
  let run: EngineRun;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    logs = captureLogs();
    run = await startEngine("clean");
  });
  afterAll(async () => {
    logs?.restore();
    await run?.stack.stop();
  });

  it("keeps the caller's token, function key, Graph token and storage key out of every log line and table row", async () => {
    const rolloutId = "no-secrets";
    expect(await call(run, "POST", "/api/rollouts", seedPlan({ rolloutId }))).toBe(202);
    // Requests that fail on purpose log too: a bad body, an unknown rollout, a wrong state.
    expect(await call(run, "POST", "/api/rollouts", "not a plan")).toBe(400);
    expect(await call(run, "GET", "/api/rollouts/does-not-exist")).toBe(404);
    expect(await call(run, "POST", `/api/rollouts/${rolloutId}/resume`, { reason: "not paused" })).toBe(409);
    expect(await call(run, "GET", `/api/preflight?rolloutId=${rolloutId}`)).toBe(200);
    for (let hour = 0; hour < 24 * 4; hour++) {
      if (hour === 30)
        expect(await call(run, "POST", `/api/rollouts/${rolloutId}/pause`, { reason: "check" })).toBe(202);
      if (hour === 31) expect(await call(run, "POST", `/api/rollouts/${rolloutId}/resume`, {})).toBe(202);
      if (hour === 40) {
        const exclusion = {
          userId: "6a1f0c2e-0000-4000-8000-0000000000b1",
          reason: "token test",
          expiresAt: "2026-02-01T00:00:00Z",
        };
        await call(run, "POST", `/api/rollouts/${rolloutId}/exclusions`, exclusion);
      }
      await run.stack.host.advanceBy(HOUR);
    }
    expect(await call(run, "GET", `/api/rollouts/${rolloutId}`)).toBe(200);
    expect((await run.stack.store.audit.list(rolloutId)).length).toBeGreaterThan(5);

    const secrets = {
      callerJwt: CALLER_JWT,
      jwtSignature: CALLER_JWT.split(".")[2] as string,
      functionKey: FUNCTION_KEY,
      easyAuthToken: EASY_AUTH_TOKEN,
      graphToken: GRAPH_TOKEN,
      storageAccountKey: accountKeyOf(run.stack.azuriteConnectionString),
    };

    const prefix = run.stack.store.tableNames.rollouts.replace(/rollouts$/, "");
    const service = TableServiceClient.fromConnectionString(azuriteConnectionString(), {
      allowInsecureConnection: true,
    });
    let rows = 0;
    // A control: the admin's name is meant to be stored (audit), so the scan must find it.
    let adminNameRows = 0;
    const tables: string[] = [];
    const found: string[] = [];
    for await (const table of service.listTables()) {
      if (!table.name?.startsWith(prefix)) continue;
      tables.push(table.name);
      const client = TableClient.fromConnectionString(azuriteConnectionString(), table.name, {
        allowInsecureConnection: true,
      });
      for await (const entity of client.listEntities()) {
        rows++;
        const text = JSON.stringify(entity);
        if (text.includes("secrets-admin@contoso.test")) adminNameRows++;
        for (const [what, secret] of Object.entries(secrets)) {
          if (text.includes(secret))
            found.push(`${what} in ${table.name}/${entity.partitionKey}/${entity.rowKey}`);
        }
      }
    }
    for (const [n, line] of logs.lines.entries()) {
      for (const [what, secret] of Object.entries(secrets))
        if (line.includes(secret)) found.push(`${what} in log line ${n}`);
    }
    expect(tables).toEqual(
      expect.arrayContaining([run.stack.store.tableNames.rollouts, run.stack.store.tableNames.audit]),
    );
    expect(rows).toBeGreaterThan(100);
    expect(adminNameRows).toBeGreaterThan(0);
    expect(logs.lines.some((line) => line.includes(`rollout ${rolloutId} started by`))).toBe(true);
    expect(found).toEqual([]);
  });
});
