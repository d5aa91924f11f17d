import fc from "fast-check";
import { GuidTable, NOT_A_GUID, NOT_FOUND } from "../../../../shared/ingest/guid-table";
import { u } from "../domain/fixtures";

describe("GuidTable", () => {
  it("finds what was inserted, in either case, with its fields", () => {
    const table = new GuidTable(3);
    const at = table.insert(u(1), 7);
    table.data[at + 5] = 42;
    expect(table.find(u(1))).toBe(at);
    expect(table.find(u(1).toUpperCase())).toBe(at);
    expect(table.data[table.find(u(1)) + 4]).toBe(7);
    expect(table.data[table.find(u(1)) + 5]).toBe(42);
    expect(table.find(u(2))).toBe(NOT_FOUND);
  });

  it("keeps the first slot when an id comes again in another spelling", () => {
    const table = new GuidTable(2);
    const at = table.insert(u(9), 1);
    expect(table.insert(u(9).toUpperCase(), 2)).toBe(at);
    expect(table.data[at + 4]).toBe(1);
  });

  it("tells ids that are not GUIDs apart from ids it does not hold", () => {
    const table = new GuidTable(1);
    for (const text of [
      "",
      "user-a",
      `${u(1)}x`,
      u(1).replace(/-/g, "_"),
      u(1).replace("0", "g"),
      u(1).replace("0", "é"),
      // Beyond 255, characters whose low byte is a hex digit's code ("0" and "a").
      u(1).replace("0", "\u0130"),
      u(1).replace("0", "\u0161"),
    ]) {
      expect(table.find(text)).toBe(NOT_A_GUID);
      expect(table.insert(text, 1)).toBe(NOT_A_GUID);
    }
  });

  it("takes exactly the texts that are GUIDs, whatever characters stand in them", () => {
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const char = fc.oneof(
      fc.constantFrom(..."0123456789abcdefABCDEF"),
      fc.constantFrom("-", "g", "G", "/", ":", "@", "`", " ", "\u0000", "\u0130", "\u0161", "\u0666"),
    );
    // Mostly GUID-shaped: hex digits with an occasional stranger, dashes where a GUID has them.
    const text = fc
      .array(
        fc.oneof(
          { weight: 30, arbitrary: fc.constantFrom(..."0123456789abcdefABCDEF") },
          { weight: 1, arbitrary: char },
        ),
        {
          minLength: 32,
          maxLength: 32,
        },
      )
      .map((c) =>
        [c.slice(0, 8), c.slice(8, 12), c.slice(12, 16), c.slice(16, 20), c.slice(20)]
          .map((p) => p.join(""))
          .join("-"),
      );
    fc.assert(
      fc.property(fc.oneof(text, fc.uuid(), fc.string({ minLength: 36, maxLength: 36 })), (id) => {
        const table = new GuidTable(1);
        const isGuid = shape.test(id);
        expect(table.find(id) !== NOT_A_GUID).toBe(isGuid);
        if (isGuid) {
          table.insert(id.toLowerCase(), 3);
          expect(table.data[table.find(id.toUpperCase()) + 4]).toBe(3);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("answers for a batch of ids (findMany) what find answers for each", () => {
    const table = new GuidTable(50);
    for (let i = 0; i < 50; i++) table.insert(u(i * 2), i + 1);
    const id = fc.oneof(
      fc.integer({ min: 0, max: 120 }).map((i) => u(i)),
      fc.integer({ min: 0, max: 120 }).map((i) => u(i).toUpperCase()),
      fc.constantFrom(undefined, null, "", "user-a", u(3).replace("0", "g")),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 1500 }), (ids) => {
        const out = new Int32Array(ids.length + 1).fill(99);
        table.findMany(ids.length, (i) => ids[i], out);
        ids.forEach((text, i) => expect(out[i]).toBe(text ? table.find(text) : NOT_A_GUID));
        // Past the batch, nothing is written.
        expect(out[ids.length]).toBe(99);
      }),
      { numRuns: 200 },
    );
  });

  it("holds many similar ids apart (sequential ids share all but their last digits)", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => u(i));
    const table = new GuidTable(ids.length);
    ids.forEach((id, i) => table.insert(id, i + 1));
    ids.forEach((id, i) => expect(table.data[table.find(id) + 4]).toBe(i + 1));
    expect(table.find(u(5000))).toBe(NOT_FOUND);
    expect(() => table.insert(u(1_000_000), 1)).not.toThrow();
  });

  it("refuses more ids than it was sized for, and a 0 first field", () => {
    const table = new GuidTable(2);
    expect(() => table.insert(u(1), 0)).toThrow(RangeError);
    // Sized for 2, it has room for 8 (at most half full of 16 slots).
    for (let i = 0; i < 8; i++) table.insert(u(i), 1);
    expect(() => table.insert(u(8), 1)).toThrow(/capacity/);
  });
});

describe("GuidTable.release", () => {
  it("leaves an empty table that holds nothing and takes nothing", () => {
    const table = new GuidTable(4);
    table.insert(u(1), 1);
    table.release();
    expect(table.find(u(1))).toBe(NOT_FOUND);
    expect(() => table.insert(u(2), 1)).toThrow(/capacity/);
  });
});

describe("GuidTable.remove", () => {
  it("lets ids come and go and still finds every id it holds, with its fields", () => {
    fc.assert(
      fc.property(
        // Ids close together (test tenants number them) and operations on a few of them.
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 })), { minLength: 100, maxLength: 200 }),
        (operations) => {
          const table = new GuidTable(64);
          const held = new Map<number, number>();
          const keys = new Int32Array(4);
          let next = 1;
          for (const [insert, n] of operations) {
            if (insert) {
              if (held.has(n)) continue;
              const at = table.slotOf(u(n));
              table.claim(at, next);
              held.set(n, next++);
            } else {
              const at = table.find(u(n));
              const first = held.get(n);
              if (first === undefined) {
                expect(at).toBe(NOT_FOUND);
                continue;
              }
              keys.set(table.data.subarray(at, at + 4));
              // Someone else's number leaves the slot alone.
              expect(table.remove(keys, 0, first + 1)).toBe(false);
              expect(table.remove(keys, 0, first)).toBe(true);
              held.delete(n);
            }
          }
          const found = Array.from({ length: 41 }, (_, id) => {
            const at = table.find(u(id));
            return at === NOT_FOUND ? undefined : table.data[at + 4];
          });
          expect(found).toEqual(Array.from({ length: 41 }, (_, id) => held.get(id)));
        },
      ),
      { numRuns: 100 },
    );
  });
});
