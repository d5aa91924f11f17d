import { bakeResult } from "../../../../orchestrations/watch/bake-result";

describe("a wave's result names what its bake has not tested", () => {
  it("says until when the wave is watched", () => {
    expect(bakeResult({ watchUntil: "2026-03-03T08:15:00.000Z", untested: [] })).toBe(
      "health gate passed at the end of the bake; watching until 2026-03-03T08:15:00.000Z",
    );
  });

  it("names the clusters seen too rarely to judge", () => {
    expect(
      bakeResult({
        watchUntil: "2026-03-03T08:15:00.000Z",
        untested: ["Contoso Invoicing on iOS: 1 attempt in the bake — watching"],
      }),
    ).toBe(
      "health gate passed at the end of the bake; watching until 2026-03-03T08:15:00.000Z; not tested enough yet: Contoso Invoicing on iOS: 1 attempt in the bake — watching",
    );
  });

  it("names five and counts the rest", () => {
    const untested = Array.from({ length: 8 }, (_, i) => `App ${i} on iOS: 1 attempt in the bake — watching`);
    const text = bakeResult({ watchUntil: "2026-03-03T08:15:00.000Z", untested });
    expect(text).toContain("App 4 on iOS");
    expect(text).not.toContain("App 5 on iOS");
    expect(text).toMatch(/; and 3 more$/);
  });
});
