import fc from "fast-check";
import { encodeJsonChunks } from "../../../../../local/graph-sim/server/json-chunks";

const joined = (value: unknown) => Buffer.concat(encodeJsonChunks(value)).toString("utf8");

describe("encodeJsonChunks", () => {
  it("writes a page of a thousand sign-ins exactly as JSON.stringify does, in pieces under 64 KB", () => {
    const page = {
      "@odata.context": "http://127.0.0.1/v1.0/$metadata#auditLogs/signIns",
      value: Array.from({ length: 1000 }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        createdDateTime: "2026-01-05T09:12:33Z",
        userDisplayName: i % 7 === 0 ? "Zoë Ångström 👩‍💻" : `User ${i}`,
        status: { errorCode: i % 5 === 0 ? 50074 : 0, failureReason: null },
        appliedConditionalAccessPolicies: [{ id: "p", result: "reportOnlySuccess" }],
      })),
      "@odata.nextLink": "http://127.0.0.1/v1.0/auditLogs/signIns?$skiptoken=abc",
    };
    const chunks = encodeJsonChunks(page);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(JSON.stringify(page));
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(64 * 1024);
  });

  it("leaves out members with no JSON form and writes such array items as null, as JSON.stringify does", () => {
    const body = {
      gone: undefined,
      fn: () => 1,
      value: [
        ...Array.from({ length: 40 }, (_, i) => i),
        undefined,
        () => 2,
        new Date(0),
        { toJSON: () => "x" },
      ],
      when: new Date(86_400_000),
    };
    expect(joined(body)).toBe(JSON.stringify(body));
  });

  it("gives nothing for a value with no JSON form, and a whole encoding for arrays and toJSON objects", () => {
    expect(encodeJsonChunks(undefined)).toEqual([]);
    const list = Array.from({ length: 100 }, (_, i) => ({ i }));
    expect(joined(list)).toBe(JSON.stringify(list));
    const custom = { toJSON: () => ({ value: [1, 2, 3] }) };
    expect(joined(custom)).toBe(JSON.stringify(custom));
  });

  it("matches JSON.stringify on arbitrary JSON bodies with long arrays", () => {
    const body = fc.dictionary(
      fc.string(),
      fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 30, maxLength: 120 })),
    );
    fc.assert(fc.property(body, (value) => joined(value) === JSON.stringify(value)));
  });
});
