import { borrowInts, returnInts } from "../../../../shared/ingest/spare-ints";

describe("spare Int32Arrays for the sign-in folds", () => {
  it("hands a returned array out again, zeroed, for a request it can hold", () => {
    const first = borrowInts(1000);
    first.fill(7);
    returnInts(first);
    const again = borrowInts(600);
    expect(again.buffer).toBe(first.buffer);
    expect(again).toHaveLength(600);
    expect(again.every((n) => n === 0)).toBe(true);
    returnInts(again);
  });

  it("makes a new array when no spare one is large enough", () => {
    const small = borrowInts(10);
    returnInts(small);
    const large = borrowInts(20_000);
    expect(large.buffer).not.toBe(small.buffer);
    expect(large).toHaveLength(20_000);
  });

  it("takes an array back once, however often it is returned", () => {
    const ints = borrowInts(50_000);
    returnInts(ints);
    returnInts(ints);
    const a = borrowInts(50_000);
    const b = borrowInts(50_000);
    expect(a.buffer).toBe(ints.buffer);
    expect(b.buffer).not.toBe(ints.buffer);
  });
});
