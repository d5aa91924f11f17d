import {
  compileFilter,
  evaluateFilter,
  parseFilter,
  type FilterSchema,
} from "../../../../../local/graph-sim/server/odata-filter";
import { SimGraphError } from "../../../../../local/graph-sim/tenant/tenant-port";

const schema: FilterSchema = {
  errorCode: "BadRequest",
  properties: {
    userId: { type: "string", ops: ["eq"] },
    userPrincipalName: { type: "string", ops: ["eq", "startsWith"] },
    createdDateTime: { type: "datetime", ops: ["eq", "ge", "le"] },
    "status/errorCode": { type: "number", ops: ["eq"] },
    isMfaRegistered: { type: "boolean", ops: ["eq"] },
    methodsRegistered: { type: "stringCollection", ops: ["any"] },
  },
};

const signIn = {
  userId: "u1",
  userPrincipalName: "Alex@Contoso.com",
  createdDateTime: "2026-03-01T10:00:00Z",
  status: { errorCode: 50074 },
  isMfaRegistered: false,
  methodsRegistered: ["mobilePhone", "fido2"],
};

function matches(filter: string): boolean {
  const compiled = compileFilter(filter, schema);
  if (!compiled) throw new Error("expected a filter");
  return compiled.test(signIn);
}

function rejection(filter: string): SimGraphError {
  try {
    compileFilter(filter, schema);
  } catch (error) {
    if (error instanceof SimGraphError) return error;
    throw error;
  }
  throw new Error(`expected '${filter}' to be rejected`);
}

describe("parseFilter", () => {
  it("gives and precedence over or", () => {
    expect(parseFilter("a eq 1 or b eq 2 and c eq 3")).toMatchObject({
      kind: "or",
      right: { kind: "and" },
    });
  });

  it("reads doubled quotes inside string literals", () => {
    expect(parseFilter("userPrincipalName eq 'o''brien@x.com'")).toMatchObject({
      value: { type: "string", value: "o'brien@x.com" },
    });
  });

  it("reads unquoted datetimes, numbers and booleans", () => {
    expect(parseFilter("createdDateTime ge 2026-03-01T00:00:00.123Z")).toMatchObject({
      value: { type: "datetime", value: "2026-03-01T00:00:00.123Z" },
    });
    expect(parseFilter("status/errorCode eq -1")).toMatchObject({ value: { type: "number", value: -1 } });
    expect(parseFilter("isMfaRegistered eq TRUE")).toMatchObject({ value: { type: "boolean", value: true } });
  });

  it.each(["", "userId eq", "userId eq 'x", "(userId eq 'x'", "userId like 'x'", "userId eq 'x' extra"])(
    "rejects malformed input %p with 400",
    (text) => {
      expect(() => parseFilter(text)).toThrow(SimGraphError);
    },
  );
});

describe("evaluating filters", () => {
  it("compares strings case-insensitively, as Graph does for UPNs", () => {
    expect(matches("userPrincipalName eq 'alex@contoso.com'")).toBe(true);
    expect(matches("startsWith(userPrincipalName,'ALEX')")).toBe(true);
    expect(matches("startsWith(userPrincipalName,'bob')")).toBe(false);
  });

  it("compares datetimes by instant, not by text", () => {
    expect(matches("createdDateTime ge 2026-03-01T09:00:00+00:00")).toBe(true);
    expect(matches("createdDateTime le 2026-03-01T09:59:59Z")).toBe(false);
    expect(
      matches("createdDateTime ge 2026-03-01T10:00:00Z and createdDateTime le 2026-03-01T10:00:00Z"),
    ).toBe(true);
  });

  it("reads nested paths and combines with and/or", () => {
    expect(matches("status/errorCode eq 50074 and userId eq 'u1'")).toBe(true);
    expect(matches("status/errorCode eq 0 or userId eq 'u1'")).toBe(true);
    expect(matches("(status/errorCode eq 0 or userId eq 'u2') and isMfaRegistered eq false")).toBe(false);
  });

  it("supports any() over string collections", () => {
    expect(matches("methodsRegistered/any(m: m eq 'fido2')")).toBe(true);
    expect(matches("methodsRegistered/any(x:x eq 'email')")).toBe(false);
  });

  it("treats a missing property as null", () => {
    expect(evaluateFilter(parseFilter("userId eq null"), {})).toBe(true);
  });
});

describe("validating filters against an endpoint's schema", () => {
  it("rejects operators the endpoint does not support, like ne", () => {
    const error = rejection("userId ne 'u1'");
    expect(error.status).toBe(400);
    expect(error.message).toContain("'ne'");
  });

  it("rejects unknown properties, unsupported functions and not", () => {
    expect(rejection("city eq 'Paris'").message).toContain("'city'");
    expect(rejection("startsWith(userId,'u')").message).toContain("startsWith");
    expect(rejection("not (userId eq 'u1')").message).toContain("not");
  });

  it("rejects literals of the wrong type", () => {
    expect(rejection("isMfaRegistered eq 'true'").status).toBe(400);
    expect(rejection("createdDateTime ge '2026-03-01'").status).toBe(400);
  });

  it("rejects all() and anything but 'var eq value' inside any()", () => {
    expect(rejection("methodsRegistered/all(m: m eq 'fido2')").status).toBe(400);
    expect(rejection("methodsRegistered/any(m: m ne 'fido2')").status).toBe(400);
  });

  it("returns no predicate for an absent or blank filter", () => {
    expect(compileFilter(null, schema)).toBeUndefined();
    expect(compileFilter("  ", schema)).toBeUndefined();
  });
});
