/** How one POST to the webhook ended; `error` never contains the URL (only the host may be logged). */
export type PostOutcome = { ok: true; status: number } | { ok: false; permanent: boolean; error: string };

const TIMEOUT_MS = 10_000;

/**
 * Posts the payload. 2xx is delivered (Workflows answer 202, Slack 200). 408, 429 and 5xx, a
 * timeout or a refused connection are worth retrying; any other 4xx (a deleted flow's 404, a
 * rejected card's 400) will not change by waiting.
 */
export async function postWebhook(url: URL, payload: unknown, timeoutMs = TIMEOUT_MS): Promise<PostOutcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    // Drain the body so the connection is released; its content is not needed.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true, status: response.status };
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    return { ok: false, permanent: !retryable, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, permanent: false, error: describeNetworkError(error) };
  }
}

/** fetch's errors can quote the URL; only the error's name and code are kept. */
function describeNetworkError(error: unknown): string {
  const err = error as { name?: string; cause?: { code?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timed out";
  const code = err?.cause?.code;
  return typeof code === "string" && /^[A-Z_]{2,40}$/.test(code) ? `network error ${code}` : "network error";
}
