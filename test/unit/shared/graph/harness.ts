import { createGraphGateway, type GraphGateway, type GraphGatewayOptions } from "../../../../shared/graph";
import {
  startFakeGraph,
  type FakeGraphServer,
  type FakeRequest,
  type FakeResponse,
} from "./fake-graph-server";
import { FakeTenant } from "./fake-tenant";

export interface Harness {
  tenant: FakeTenant;
  server: FakeGraphServer;
  gateway: GraphGateway;
  /** Every wait the gateway asked for, in order (nothing really sleeps). */
  delays: number[];
}

/** A gateway built by the real factory (real Graph SDK client, static token) over a fake tenant. */
export async function startHarness(
  options: GraphGatewayOptions = {},
  onBatch?: (req: FakeRequest) => FakeResponse | undefined,
): Promise<Harness> {
  const tenant = new FakeTenant();
  const server = await startFakeGraph(tenant.handle, onBatch);
  tenant.serviceRoot = server.baseUrl;
  const delays: number[] = [];
  const gateway = createGraphGateway(
    { baseUrl: server.baseUrl, staticToken: "unit-test-token" },
    {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
      ...options,
    },
  );
  return { tenant, server, gateway, delays };
}
