import type { TableServiceClientOptions } from "@azure/data-tables";

type AdditionalPolicy = NonNullable<TableServiceClientOptions["additionalPolicies"]>[number];

/** Attempts in all for one request whose socket turns out to be closed already. */
const ATTEMPTS = 3;

/**
 * Sends a request again when writing it failed with EPIPE: the pooled keep-alive socket had just
 * been closed by the other side (Azurite closes idle ones after 5 s), so nothing of the request
 * was taken in. The SDK retries ECONNRESET and timeouts, not this; unretried, it failed a whole
 * activity (and made it read its stretch of the sign-in log again) about once per large rehearsal.
 */
export const staleSocketRetry: AdditionalPolicy = {
  position: "perRetry",
  policy: {
    name: "staleSocketRetry",
    async sendRequest(request, next) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await next(request);
        } catch (error) {
          if (attempt >= ATTEMPTS || !isClosedSocket(error)) throw error;
        }
      }
    },
  },
};

export function isClosedSocket(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "EPIPE";
}
