import { WindowCache } from "../../../../shared/store/window-cache";

describe("the cache of counter windows", () => {
  it("answers only for the generation it holds, and forgets a copy once it is stale", () => {
    const cache = new WindowCache<string>(4);
    cache.put("w0", "g1", "counters of g1");
    expect(cache.peek("w0", "g2")).toBeUndefined();
    expect(cache.peek("w0", "g1")).toBeUndefined();
  });

  it("lends a copy to readers but gives it away to a writer, so a failed write leaves nothing stale", () => {
    const cache = new WindowCache<string>(4);
    cache.put("w0", "g1", "counters of g1");
    expect(cache.peek("w0", "g1")).toBe("counters of g1");
    expect(cache.peek("w0", "g1")).toBe("counters of g1");
    expect(cache.take("w0", "g1")).toBe("counters of g1");
    expect(cache.peek("w0", "g1")).toBeUndefined();
  });

  it("keeps the windows used last when it is full", () => {
    const cache = new WindowCache<number>(2);
    cache.put("a", "g", 1);
    cache.put("b", "g", 2);
    cache.peek("a", "g");
    cache.put("c", "g", 3);
    expect([cache.peek("a", "g"), cache.peek("b", "g"), cache.peek("c", "g")]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });
});
