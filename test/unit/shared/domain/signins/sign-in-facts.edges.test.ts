import type { AppliedConditionalAccessPolicy, SignIn } from "@microsoft/microsoft-graph-types";
import {
  clusterOfSignIn,
  reportOnlySlot,
  rowKind,
  RowKind,
} from "../../../../../shared/domain/signins/sign-in-facts";
import { clusterKeyOf } from "../../../../../shared/domain/signins/cluster-key";

const row = (app: string, client: string, platform: string): SignIn => ({
  appDisplayName: app,
  clientAppUsed: client,
  deviceDetail: { operatingSystem: platform },
});

describe("rowKind", () => {
  it("reads errorCode 0 as a completed sign-in", () => {
    expect(rowKind(0)).toBe(RowKind.Success);
  });
});

describe("clusterOfSignIn (the app × client × platform a row is counted under)", () => {
  it("names what a row leaves out, and reads a row without device details", () => {
    expect(clusterOfSignIn({}).key).toBe(clusterKeyOf("unknown app", "unknown client", "unknown platform"));
    expect(clusterOfSignIn({ appId: "app-id", deviceDetail: null }).key).toBe(
      clusterKeyOf("app-id", "unknown client", "unknown platform"),
    );
  });

  it("hands back the same object for the same cluster, and distinct positive ids for others", () => {
    const a = clusterOfSignIn(row("Outlook", "Browser", "iOS"));
    const b = clusterOfSignIn(row("Teams", "Browser", "iOS"));
    expect(clusterOfSignIn(row("Outlook", "Browser", "iOS"))).toBe(a);
    expect(b).not.toBe(a);
    expect(a.id).toBeGreaterThan(0);
    expect(b.id).toBeGreaterThan(0);
    expect(b.id).not.toBe(a.id);
  });

  it("never answers for another cluster whose names look alike to its cache", () => {
    // Same lengths, same middle and last characters: the cache places each pair alike.
    const pairs: [SignIn, SignIn][] = [
      [row("ab", "Browser", "iOS"), row("cb", "Browser", "iOS")],
      [row("Outlook", "xy", "iOS"), row("Outlook", "zy", "iOS")],
      [row("Outlook", "Browser", "pq"), row("Outlook", "Browser", "rq")],
    ];
    for (const [first, second] of pairs) {
      for (let round = 0; round < 3; round++) {
        for (const signIn of [first, second]) {
          expect(clusterOfSignIn(signIn).key).toBe(
            clusterKeyOf(
              signIn.appDisplayName ?? "",
              signIn.clientAppUsed ?? "",
              signIn.deviceDetail?.operatingSystem ?? "",
            ),
          );
        }
      }
    }
  });

  it("keeps handing back the same object after another cluster took its place in the small cache", () => {
    const first = clusterOfSignIn(row("Outlook", "Browser", "ab"));
    // Placed alike in the small cache in front (same lengths, middle and last characters).
    const other = clusterOfSignIn(row("Outlook", "Browser", "cb"));
    expect(clusterOfSignIn(row("Outlook", "Browser", "ab"))).toBe(first);
    expect(clusterOfSignIn(row("Outlook", "Browser", "cb"))).toBe(other);
  });

  it("tells legacy clients by name in any case", () => {
    expect(clusterOfSignIn(row("Exchange", "imap4", "Windows")).legacy).toBe(true);
    expect(clusterOfSignIn(row("Exchange", "Browser", "Windows")).legacy).toBe(false);
  });
});

describe("reportOnlySlot edges", () => {
  const POLICY = "80921ece-1e1d-4eb7-abfe-b68f7fb74d12";
  const applied = (...results: [string, string][]): AppliedConditionalAccessPolicy[] =>
    results.map(([id, result]) => ({ id, result: result as AppliedConditionalAccessPolicy["result"] }));

  it("finds nothing where the row lists no policies", () => {
    expect(reportOnlySlot(POLICY, undefined)).toBeUndefined();
    expect(reportOnlySlot(null, undefined)).toBeUndefined();
    expect(reportOnlySlot(null, [])).toBeUndefined();
  });

  it("with no policy named, takes the most alarming report-only result in any order", () => {
    const results: [string, string][] = [
      ["p1", "reportOnlyNotApplied"],
      ["p2", "reportOnlySuccess"],
      ["p3", "success"],
      ["p4", "reportOnlyFailure"],
      ["p5", "reportOnlyInterrupted"],
    ];
    expect(reportOnlySlot(null, applied(...results))).toBe(1);
    expect(reportOnlySlot(null, applied(...results.reverse()))).toBe(1);
    expect(reportOnlySlot(null, applied(["a", "reportOnlyInterrupted"], ["b", "reportOnlyNotApplied"]))).toBe(
      2,
    );
    expect(reportOnlySlot(null, applied(["a", "reportOnlyNotApplied"], ["b", "reportOnlySuccess"]))).toBe(0);
    expect(reportOnlySlot(null, applied(["a", "notApplied"], ["b", "notEnabled"]))).toBeUndefined();
  });

  it("does not take an id that is only the start of the policy's", () => {
    expect(
      reportOnlySlot(POLICY, applied([POLICY.slice(0, -1).toUpperCase(), "reportOnlyFailure"])),
    ).toBeUndefined();
  });

  it("takes the policy's id with capitals beyond ASCII, lower-cased as its id is", () => {
    expect(reportOnlySlot("àbc-policy", applied(["ÀBC-POLICY", "reportOnlyInterrupted"]))).toBe(2);
    // Lower-casing "İ" gives two characters: the ids differ in length and are still the same.
    expect(reportOnlySlot("İ-policy".toLowerCase(), applied(["İ-POLICY", "reportOnlyFailure"]))).toBe(1);
  });
});
