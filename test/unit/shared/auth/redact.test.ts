import fc from "fast-check";
import { isSecretKey, REDACTED, redactSecrets, redactString } from "../../../../shared/auth";

// Looks like a real token/key without being one.
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJlLXBhcnQ";
const ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

describe("redactString", () => {
  it.each([
    ["a bearer header value", `Bearer ${JWT}`, `Bearer ${REDACTED}`],
    ["a basic header value", "Basic dXNlcjpwYXNz", `Basic ${REDACTED}`],
    ["a bare JWT in a message", `token was ${JWT} sadly`, `token was ${REDACTED} sadly`],
    [
      "an Azurite-style connection string",
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${ACCOUNT_KEY};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;`,
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${REDACTED};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;`,
    ],
    [
      "a SAS connection string",
      "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&sig=abc%2Bdef",
      `BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=${REDACTED}`,
    ],
    [
      "a function key in a URL",
      "POST https://func.example/api/rollouts?code=abcDEF123==&x=1",
      `POST https://func.example/api/rollouts?code=${REDACTED}&x=1`,
    ],
    [
      "a SAS signature in a URL",
      "https://a.blob.core.windows.net/c/b?sv=2022&sig=AbC%2F123",
      `https://a.blob.core.windows.net/c/b?sv=2022&sig=${REDACTED}`,
    ],
  ])("redacts %s", (_label, input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it("leaves ordinary text, ids and Graph paging links alone", () => {
    const text =
      "user 3f2504e0-4f89-11d3-9a0c-0305e82c3301 held back: 50076 on Outlook; next https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=abc";
    expect(redactString(text)).toBe(text);
  });
});

describe("isSecretKey", () => {
  it.each([
    "Authorization",
    "authorization",
    "Cookie",
    "x-functions-key",
    "x-ms-token-aad-access-token",
    "X-MS-TOKEN-AAD-ID-TOKEN",
    "x-ms-client-principal",
    "accessToken",
    "refresh_token",
    "client_secret",
    "clientSecret",
    "password",
    "AccountKey",
    "STATUS_TABLES_CONNECTION_STRING",
    "GRAPH_STATIC_TOKEN",
  ])("treats %s as secret", (key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    "PartitionKey",
    "RowKey",
    "userId",
    "errorCode",
    "code",
    "tokenCount",
    "$skiptoken",
    "reason",
    "keyVault",
  ])("keeps %s", (key) => expect(isSecretKey(key)).toBe(false));
});

describe("redactSecrets", () => {
  it("redacts secret headers and nested values but keeps table keys and the rest", () => {
    const input = {
      PartitionKey: "rollout-1",
      RowKey: "audit-0001",
      actor: { id: "oid-1", name: "Ada" },
      request: {
        headers: {
          authorization: `Bearer ${JWT}`,
          "x-ms-token-aad-access-token": JWT,
          "content-type": "application/json",
        },
        url: "https://func.example/api/rollouts/r1/approve?code=k3y",
      },
      notes: [`failed with ${JWT}`, 42, null, true],
    };
    expect(redactSecrets(input)).toEqual({
      PartitionKey: "rollout-1",
      RowKey: "audit-0001",
      actor: { id: "oid-1", name: "Ada" },
      request: {
        headers: {
          authorization: REDACTED,
          "x-ms-token-aad-access-token": REDACTED,
          "content-type": "application/json",
        },
        url: `https://func.example/api/rollouts/r1/approve?code=${REDACTED}`,
      },
      notes: [`failed with ${REDACTED}`, 42, null, true],
    });
    // A copy: the original still holds its values for the caller.
    expect(input.request.headers.authorization).toBe(`Bearer ${JWT}`);
  });

  it("reads fetch-style Headers and Maps by their entries", () => {
    const headers = new Headers({ Authorization: `Bearer ${JWT}`, Accept: "application/json" });
    expect(redactSecrets({ headers })).toEqual({
      headers: { authorization: REDACTED, accept: "application/json" },
    });
    expect(redactSecrets(new Map([["x-functions-key", "abc"]]))).toEqual({ "x-functions-key": REDACTED });
  });

  it("redacts error messages and stacks, and keeps the error's name", () => {
    const error = new Error(`connect failed: AccountKey=${ACCOUNT_KEY};`);
    const redacted = redactSecrets(error) as unknown as Record<string, string>;
    expect(redacted.name).toBe("Error");
    expect(redacted.message).toBe(`connect failed: AccountKey=${REDACTED};`);
    expect(redacted.stack).not.toContain(ACCOUNT_KEY);
  });

  it("survives cycles, deep nesting, functions and getters that throw", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ name: "loop", self: "[Circular]" });

    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 100; i++) deep = { child: deep };
    expect(JSON.stringify(redactSecrets(deep))).toContain("[Truncated]");

    expect(redactSecrets({ f: () => 1 })).toEqual({ f: "[function]" });
    const hostile = Object.defineProperty({}, "boom", {
      enumerable: true,
      get() {
        throw new Error("no");
      },
    });
    expect(redactSecrets(hostile)).toBe(REDACTED);
  });

  it("keeps a __proto__ key as data instead of re-parenting the copy", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const out = redactSecrets(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never throws and never lets a planted secret through (fuzz)", () => {
    const secret = fc.constantFrom(`Bearer ${JWT}`, JWT, `AccountKey=${ACCOUNT_KEY}`);
    fc.assert(
      fc.property(fc.anything(), secret, fc.string({ maxLength: 10 }), (noise, planted, prefix) => {
        const redacted = redactSecrets({
          noise,
          message: `${prefix} ${planted} `,
          nested: [{ detail: planted }],
        });
        const text = JSON.stringify(redacted);
        expect(text).not.toContain(JWT);
        expect(text).not.toContain(ACCOUNT_KEY);
      }),
      { numRuns: 300 },
    );
  });
});
