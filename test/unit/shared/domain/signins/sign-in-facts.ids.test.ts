import type { AppliedConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import fc from "fast-check";
import { normalizeId } from "../../../../../shared/domain/plan/guid";
import { reportOnlySlot } from "../../../../../shared/domain/signins/sign-in-facts";

/**
 * The rollout's report-only result is found by its policy id in any case (Graph's ids are
 * case-insensitive), and never under another policy's id: a result counted for the wrong policy
 * would make the readiness gate read another policy's prompts as the rollout's.
 */
const failure = (id: string): AppliedConditionalAccessPolicy[] => [{ id, result: "reportOnlyFailure" }];

describe("reportOnlySlot: the rollout's policy among the applied ones", () => {
  it.each([
    ["AAAAAAAA-0000-4000-8000-00000000000F", "aaaaaaaa-0000-4000-8000-00000000000f", 1],
    ["policy-Z", "policy-z", 1],
    // '@' and '[' sit just outside A–Z: lower-casing leaves them, so they are not '`' and '{'.
    ["policy-@", "policy-`", undefined],
    ["policy-[", "policy-{", undefined],
  ])("finds %s under %s: %s", (id, policyId, slot) => {
    expect(reportOnlySlot(policyId, failure(id))).toBe(slot);
  });

  it("matches exactly when the ids are equal lower-cased", () => {
    const char = fc.constantFrom("a", "A", "f", "F", "z", "Z", "@", "[", "`", "{", "0", "-", "É", "é", "İ");
    const text = fc.array(char, { maxLength: 8 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(text, text, (id, other) => {
        const policyId = normalizeId(other);
        const found = reportOnlySlot(policyId, failure(id)) !== undefined;
        expect(found).toBe(normalizeId(id) === policyId);
      }),
      { numRuns: 1_000 },
    );
  });
});
