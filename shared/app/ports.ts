import type { Clock } from "../clock";
import type { GraphGateway } from "../graph";
import type { StatusStore } from "../store";

/**
 * Everything a use case may reach outside the domain. Each use case names the ports it uses
 * (`Pick<AppPorts, "store" | "graph">`), so a test hands it fakes of exactly those.
 */
export interface AppPorts {
  store: StatusStore;
  graph: GraphGateway;
  clock: Clock;
}
