import type { DurableClient } from "durable-functions";
import { instanceStatus } from "../../../../functions/http/instance-status";

function clientThrowing(error: unknown): DurableClient {
  return {
    getStatus: () => Promise.reject(error),
  } as unknown as DurableClient;
}

describe("instanceStatus", () => {
  it("answers undefined for an instance the extension does not know (its 404)", async () => {
    const sdk404 = new Error(
      "DurableClient error: Durable Functions extension replied with HTTP 404 response. " +
        "This usually means we could not find any data associated with the instanceId provided: r1.",
    );
    await expect(instanceStatus(clientThrowing(sdk404), "r1")).resolves.toBeUndefined();
  });

  it("surfaces a server error even when its details say 'not found'", async () => {
    const sdk500 = new Error(
      'DurableClient error: Durable Functions extension replied with HTTP 500 response. Details: "table not found"',
    );
    await expect(instanceStatus(clientThrowing(sdk500), "r1")).rejects.toBe(sdk500);
  });

  it("surfaces a network failure", async () => {
    const refused = new Error("connect ECONNREFUSED 127.0.0.1:7071");
    await expect(instanceStatus(clientThrowing(refused), "r1")).rejects.toBe(refused);
  });
});
