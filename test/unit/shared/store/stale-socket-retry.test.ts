import { isClosedSocket, staleSocketRetry } from "../../../../shared/store/stale-socket-retry";

type Send = Parameters<typeof staleSocketRetry.policy.sendRequest>;

function epipe(): Error {
  return Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
}

/** A next() that fails with the given errors in turn, then answers 204. */
function failing(errors: Error[]): { next: Send[1]; calls: () => number } {
  let calls = 0;
  const next = (async () => {
    const error = errors[calls++];
    if (error) throw error;
    return { status: 204 };
  }) as unknown as Send[1];
  return { next, calls: () => calls };
}

const request = {} as Send[0];

describe("sending a table request again on a socket closed under it", () => {
  it("sends again after EPIPE, as the request never reached the service", async () => {
    const { next, calls } = failing([epipe(), epipe()]);
    await expect(staleSocketRetry.policy.sendRequest(request, next)).resolves.toEqual({ status: 204 });
    expect(calls()).toBe(3);
  });

  it("gives up after three attempts", async () => {
    const { next, calls } = failing([epipe(), epipe(), epipe(), epipe()]);
    await expect(staleSocketRetry.policy.sendRequest(request, next)).rejects.toThrow("EPIPE");
    expect(calls()).toBe(3);
  });

  it("leaves every other failure to the SDK's own retries and the caller", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const { next, calls } = failing([reset]);
    await expect(staleSocketRetry.policy.sendRequest(request, next)).rejects.toThrow("socket hang up");
    expect(calls()).toBe(1);
    expect([isClosedSocket(reset), isClosedSocket(epipe()), isClosedSocket(undefined)]).toEqual([
      false,
      true,
      false,
    ]);
  });
});
