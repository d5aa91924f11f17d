import type { SignIn } from "@microsoft/microsoft-graph-types";
import { clusterOfSignIn } from "../../../../../shared/domain/signins/sign-in-facts";

/**
 * The cluster cache is bounded: it holds 10,000 clusters and is emptied before it would take a
 * 10,001st (a log naming more app × client × platform combinations than that is not a real
 * tenant's, but must not grow the process without end). A file of its own: the cache is module
 * state, fresh in each test file.
 */
const row = (n: number, app = "app"): SignIn => ({
  appDisplayName: `${app}-${String(n).padStart(5, "0")}`,
  clientAppUsed: "Browser",
  deviceDetail: { operatingSystem: "Windows" },
});

describe("clusterOfSignIn's cache bound", () => {
  it("keeps 10,000 clusters, and lets them go when a 10,001st comes", () => {
    const first = clusterOfSignIn(row(1));
    for (let n = 2; n <= 9_999; n++) clusterOfSignIn(row(n));
    // The 10,000th, placed in the small cache in front where the first one sits ("bpp" for "app").
    const evictor = clusterOfSignIn(row(1, "bpp"));
    expect(clusterOfSignIn(row(1))).toBe(first);
    clusterOfSignIn(row(10_001));
    clusterOfSignIn(row(1, "bpp"));
    const again = clusterOfSignIn(row(1));
    expect(again).not.toBe(first);
    expect(again.key).toBe(first.key);
    expect(again.id).not.toBe(first.id);
    expect(evictor.key).not.toBe(first.key);
  });
});
