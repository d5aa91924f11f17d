/**
 * "Now" as a dependency. In Azure it is the system clock; locally the durable host's virtual
 * clock, so six weeks of rollout pass in seconds and the tables, Graph and the host agree on dates.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
