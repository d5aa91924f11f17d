import { outsideWavesSection } from "../../../../shared/report/outside-waves-table";

describe("outsideWavesSection", () => {
  it("lists service accounts with their evidence and users in no wave with their reason", () => {
    const html = outsideWavesSection({
      serviceAccounts: { action: "hold" },
      remainderRule: { action: "reportOnly" },
      users: [
        {
          userId: "u1",
          upn: "svc-reporting@contoso.com",
          serviceAccount: true,
          stage: "heldBack",
          reason: "service account — move to a workload identity or a dedicated policy",
          evidence: "28 of 28 sign-in attempts password-only <ROPC>",
        },
        { userId: "u2", upn: "", serviceAccount: false, stage: "reportOnly", reason: "" },
      ],
      withoutReason: 1,
    });
    expect(html).toContain('data-testid="outside-waves"');
    expect(html).toContain("Service accounts and users in no wave (2)");
    expect(html).toContain("serviceAccounts &quot;hold&quot;, remainder &quot;reportOnly&quot;");
    expect(html).toContain("1 user(s) sit in report-only with no stated reason");
    expect(html).toContain("svc-reporting@contoso.com");
    expect(html).toContain("28 of 28 sign-in attempts password-only &lt;ROPC&gt;");
    expect(html).toMatch(/<td>u2<\/td><td>in no wave<\/td><td>reportOnly<\/td><td>no reason stated<\/td>/);
  });

  it("is left out when nobody is outside the waves", () => {
    expect(outsideWavesSection(undefined)).toBe("");
    expect(
      outsideWavesSection({
        serviceAccounts: { action: "hold" },
        remainderRule: null,
        users: [],
        withoutReason: 0,
      }),
    ).toBe("");
  });
});
