import { brokenCells, type UserTally } from "../../../../../shared/domain";
import { tallyOf } from "../fixtures";

/**
 * The cell a user is named for (the app their hold-back reason names) when several of theirs
 * fail beyond noise, whatever order the user's sign-ins came in.
 */
const INVOICING = "Contoso Invoicing | Mobile Apps and Desktop clients | Ios";
const OUTLOOK = "Outlook | Browser | Windows10";
const always = { expectedRate: 0.04, minFailures: 2, broken: () => true };

const named = (cells: Record<string, [number, number]>) =>
  brokenCells([["user-1", tallyOf(cells)] as [string, UserTally]], always).get("user-1")?.key;

describe("brokenCells: the cell a user is named for", () => {
  it("is the one with the most failed attempts, whether the user used it first or last", () => {
    expect(named({ [INVOICING]: [5, 5], [OUTLOOK]: [3, 3] })).toBe(INVOICING);
    expect(named({ [OUTLOOK]: [5, 5], [INVOICING]: [3, 3] })).toBe(OUTLOOK);
    expect(named({ [INVOICING]: [3, 3], [OUTLOOK]: [5, 5] })).toBe(OUTLOOK);
  });

  it("is the one with one more failed attempt than the other (4 against 3)", () => {
    expect(named({ [INVOICING]: [4, 4], [OUTLOOK]: [4, 3] })).toBe(INVOICING);
    expect(named({ [OUTLOOK]: [4, 4], [INVOICING]: [4, 3] })).toBe(OUTLOOK);
  });

  it("at a tie, is the first by name, whether the user used it first or last", () => {
    expect(named({ [INVOICING]: [3, 3], [OUTLOOK]: [3, 3] })).toBe(INVOICING);
    expect(named({ [OUTLOOK]: [3, 3], [INVOICING]: [3, 3] })).toBe(INVOICING);
  });
});
