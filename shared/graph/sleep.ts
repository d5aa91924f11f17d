/**
 * The one way the gateway waits. Tests and the virtual-time rehearsal inject their own, so
 * throttling paths run instantly and the waits they would have made can be asserted.
 */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
