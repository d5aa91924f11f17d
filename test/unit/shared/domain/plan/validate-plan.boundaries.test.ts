import { validatePlan } from "../../../../../shared/domain";

/**
 * "is required" is the answer for a field left out of a plan; a body that is no plan at all (no
 * JSON object, nothing posted) is told what it is, so the admin sees the request, not a field, is
 * wrong.
 */
describe("validatePlan: a body that is no plan", () => {
  it.each([
    [undefined, "undefined"],
    [null, "null"],
    ["a plan", "string"],
    [[], "array"],
  ])("%p is refused at $ as %s, not as a missing field", (body, received) => {
    expect(validatePlan(body)).toEqual({
      ok: false,
      errors: [{ path: "$", message: `Invalid input: expected object, received ${received}` }],
    });
  });
});
