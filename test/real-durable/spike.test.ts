import { captureRegistrations } from "../../local/durable-host/registry";
import { startAzuriteStorage, type AzuriteStorageHandle } from "../../local/webjobs-host/azurite-storage";
import { startRealDurableHost, type RealDurableHost } from "../../local/webjobs-host/real-host";

jest.setTimeout(180_000);

let azurite: AzuriteStorageHandle;
let host: RealDurableHost;

beforeAll(async () => {
  azurite = await startAzuriteStorage();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time, inside the capture
  const registry = captureRegistrations(() => require("./fixtures/spike-app"));
  host = await startRealDurableHost({
    registry,
    connectionString: azurite.connectionString,
    log: (l) => console.log(l),
  });
});

afterAll(async () => {
  await host?.stop();
  await azurite?.stop();
});

test("a Node orchestrator calls a Node activity through the real extension", async () => {
  const id = await host.client.startNew("spikeHello", { input: "world" });
  let status = await host.client.getStatus(id);
  const deadline = Date.now() + 60_000;
  while (
    status?.runtimeStatus !== "Completed" &&
    status?.runtimeStatus !== "Failed" &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 500));
    status = await host.client.getStatus(id);
  }
  expect(status?.runtimeStatus).toBe("Completed");
  expect(status?.output).toBe("hello world");
});
