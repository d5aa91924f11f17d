import { previewLines } from "../../../../local/rehearsal/preview-lines";
import type { OutsideWaves } from "../../../../shared/app/coverage";

const ESC = "\u001b";

function outside(overrides: Partial<OutsideWaves> = {}): OutsideWaves {
  return {
    serviceAccounts: { action: "hold", accounts: [] },
    remainder: { rule: null, users: 0, refused: false },
    ...overrides,
  };
}

describe("what the rehearsal prints from the preview before it starts", () => {
  it("names each service account with its evidence and the plan's handling", () => {
    const lines = previewLines(
      outside({
        serviceAccounts: {
          action: "exclude",
          accounts: [
            {
              userId: "u1",
              userPrincipalName: "svc-reporting@contoso.com",
              evidence: "28 of 28 attempts password-only",
            },
            { userId: "u2", userPrincipalName: null, evidence: "at all hours" },
          ],
        },
      }),
    );
    expect(lines).toEqual([
      'Preview: 2 service account(s) in the population (plan: serviceAccounts "exclude"):',
      "  svc-reporting@contoso.com: 28 of 28 attempts password-only",
      "  u2: at all hours",
    ]);
  });

  it("says how many users no wave takes and what happens to them", () => {
    expect(previewLines(outside({ remainder: { rule: null, users: 30, refused: true } }))).toEqual([
      "Preview: 30 user(s) in no wave (no remainder rule: the start is refused)",
    ]);
    expect(
      previewLines(outside({ remainder: { rule: { action: "reportOnly" }, users: 30, refused: false } })),
    ).toEqual(['Preview: 30 user(s) in no wave (remainder "reportOnly")']);
  });

  it("prints nothing when everyone is in a wave, and directory text inert", () => {
    expect(previewLines(outside())).toEqual([]);
    const [, line] = previewLines(
      outside({
        serviceAccounts: {
          action: "hold",
          accounts: [
            { userId: "u1", userPrincipalName: `svc${ESC}[2J@contoso.com`, evidence: `ROPC${ESC}[31m` },
          ],
        },
      }),
    );
    expect(line).not.toContain(ESC);
  });
});
