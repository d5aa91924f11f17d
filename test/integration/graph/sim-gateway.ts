import type { ManualClock } from "../../../local/clock";
import type { GraphSimulator } from "../../../local/graph-sim";
import { createGraphGateway, type GraphGateway, type GraphGatewayOptions } from "../../../shared/graph";

/**
 * The real gateway against the simulator on one virtual clock: each wait is noted in `waits` and
 * moves the clock the simulator throttles by, so backoff and pacing are real but instant.
 */
export function simGateway(
  sim: GraphSimulator,
  clock: ManualClock,
  waits: number[],
  options: GraphGatewayOptions = {},
): GraphGateway {
  return createGraphGateway(
    { baseUrl: sim.baseUrl, staticToken: "sim-token" },
    {
      sleep: async (ms) => {
        waits.push(ms);
        clock.advanceBy(ms);
      },
      random: () => 0.5,
      now: () => clock.now(),
      ...options,
    },
  );
}
