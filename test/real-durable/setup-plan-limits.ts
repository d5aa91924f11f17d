import type * as Defaults from "../../shared/domain/defaults";

/**
 * The plan's minimum durations, lowered for every real-extension suite: there, time is the wall
 * clock, and waves observe and bake for seconds instead of hours.
 */
jest.mock("../../shared/domain/defaults", () => {
  const actual = jest.requireActual<typeof Defaults>("../../shared/domain/defaults");
  return {
    ...actual,
    LIMITS: {
      ...actual.LIMITS,
      minObserveFor: "PT1S",
      minBakeFor: "PT1S",
      minCheckEvery: "PT1S",
      minRetryAfter: "PT1S",
    },
  };
});
