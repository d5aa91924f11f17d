import fc from "fast-check";
import { normalizeId } from "../../../../../shared/domain/plan/guid";
import { lowerCaseId } from "../../../../../shared/domain/signins/sign-in-counters";

/**
 * A user's sign-ins are counted under their lower-case id, however Graph or an admin spelled it:
 * one user counted under two spellings would have their failures split between two tallies.
 */
describe("lowerCaseId", () => {
  it.each([
    ["0000000A-0000-4000-8000-000000000001", "0000000a-0000-4000-8000-000000000001"],
    ["user-Z", "user-z"],
    ["user@[x]", "user@[x]"],
  ])("reads %s as %s (A and Z are the ends of the upper-case letters)", (id, expected) => {
    expect(lowerCaseId(id)).toBe(expected);
  });

  it("is normalizeId for any text", () => {
    const char = fc.constantFrom("a", "A", "f", "F", "z", "Z", "@", "[", "`", "{", "0", "-", "É", "İ");
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 12 }).map((chars) => chars.join("")),
        (id) => {
          expect(lowerCaseId(id)).toBe(normalizeId(id));
        },
      ),
      { numRuns: 500 },
    );
  });
});
