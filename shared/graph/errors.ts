/** A Graph answer the gateway could not turn into success. */
export class GraphRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly graphMessage: string | undefined,
  ) {
    super(
      `Graph ${method} ${path} failed: ${status}${code ? ` ${code}` : ""}${graphMessage ? `: ${graphMessage}` : ""}`,
    );
    this.name = "GraphRequestError";
  }
}

/**
 * Retries ran out on throttling or transient errors. Operations are idempotent, so the caller
 * (a durable activity) can simply run again later; `retryAfterMs` says how long Graph asked for.
 */
export class GraphRetriesExhaustedError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly attempts: number,
    readonly lastStatus: number | undefined,
    readonly retryAfterMs: number | undefined,
    reason: string,
  ) {
    super(`Graph ${method} ${path}: gave up after ${attempts} attempt(s): ${reason}`);
    this.name = "GraphRetriesExhaustedError";
  }
}

/** Graph's error envelope `{error: {code, message}}`, read defensively. */
export function graphErrorOf(body: unknown): { code?: string; message?: string } {
  if (body && typeof body === "object" && "error" in body) {
    const error = (body as { error?: unknown }).error;
    if (error && typeof error === "object") {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return {
        code: typeof code === "string" ? code : undefined,
        message: typeof message === "string" ? message : undefined,
      };
    }
  }
  return {};
}
