import type * as Defaults from "../../shared/domain/defaults";

/**
 * The plan's minimum durations, lowered for every real-extension suite: there, time is the wall
 * clock, and waves observe and bake for seconds instead of hours. The sign-in log's settle time
 * and attempt window shrink with them (a second of the app's time is an hour of the tenant's).
 */
jest.mock("../../shared/domain/defaults", () => {
  const actual = jest.requireActual<typeof Defaults>("../../shared/domain/defaults");
  return {
    ...actual,
    ATTEMPT_WINDOW: "PT1S",
    LIMITS: {
      ...actual.LIMITS,
      minObserveFor: "PT1S",
      minBakeFor: "PT1S",
      minCheckEvery: "PT1S",
      minRetryAfter: "PT1S",
      minSettle: "PT1S",
    },
  };
});
