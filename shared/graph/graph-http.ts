import { GraphRequestError, GraphRetriesExhaustedError, graphErrorOf } from "./errors";
import { bump, emptyCounts, type GraphRequestCounts } from "./request-counters";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isThrottleStatus,
  parseRetryAfterMs,
  type RetryPolicy,
} from "./retry-policy";
import { realSleep, type Sleep } from "./sleep";
import { PACED_KINDS, paceCall, reusedSlotWait, type PolicyPacing } from "./policy-pacing";
import {
  GraphTransportError,
  type GraphHttpRequest,
  type GraphHttpResponse,
  type GraphTransport,
} from "./transport";
import type { ServiceRoot } from "./service-root";

export interface GraphHttpOptions {
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  /** Jitter source in [0, 1); seed it (seededRandom) for reproducible runs. */
  random?: () => number;
  /** For Retry-After given as an HTTP date. */
  now?: () => Date;
  /**
   * Wall-clock limit on one HTTP exchange (default 60 s). Without it a connection Graph never
   * answers would hold an activity until the platform kills it; with it the attempt counts as a
   * lost connection: retried when idempotent, else reported.
   */
  requestTimeoutMs?: number;
  /** Spaces Conditional Access calls and report reads by Graph's limits (see policy-pacing.ts). */
  pacing?: PolicyPacing;
}

/** Long enough for a 1,000-row sign-in page under load, short of the Functions activity limits. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface SendOptions {
  /** Extra counters for this call, e.g. one operation's own cost. */
  tally?: GraphRequestCounts;
  /**
   * A POST that creates something is not retried after a lost connection: it may have been
   * applied. Throttled answers (429/503/504) are always safe to retry: Graph did not act.
   */
  idempotent?: boolean;
}

/**
 * Sends Graph requests with throttling-aware retries and request accounting. Statuses other than
 * 429/503/504 are returned to the caller, who knows whether, say, a 404 means success.
 */
export class GraphHttp {
  readonly counts: GraphRequestCounts;
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly now: () => Date;
  readonly requestTimeoutMs: number;
  private readonly pacing: PolicyPacing | undefined;
  private readonly pacingScope: string | undefined;
  private readonly scopedCalls = new Map<string, number>();
  private readonly scopeRecords = new Map<string, Promise<{ calls: number; lastAt: number } | undefined>>();

  constructor(
    private readonly transport: GraphTransport,
    private readonly options: GraphHttpOptions = {},
    shared: { counts?: GraphRequestCounts; pacingScope?: string } = {},
  ) {
    this.counts = shared.counts ?? emptyCounts();
    this.pacingScope = shared.pacingScope;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    if (!(this.policy.maxAttempts >= 1)) throw new RangeError("retry.maxAttempts must be at least 1");
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (!(this.requestTimeoutMs > 0)) throw new RangeError("requestTimeoutMs must be positive");
    this.pacing = options.pacing;
  }

  /** Whether this sender already belongs to a piece of work named for pacing (withPacingScope). */
  get scoped(): boolean {
    return this.pacingScope !== undefined;
  }

  /**
   * The same sender for one piece of work that may be run again after a crash (an activity),
   * named by `key`, which must be the same on every run of it: its paced calls (Conditional
   * Access, reports) take their slots under `key` and a call number, so a re-run finds the slots the first run took and
   * waits only for what is left of them, never for new ones. Counts are shared with this sender.
   */
  withPacingScope(key: string): GraphHttp {
    return new GraphHttp(this.transport, this.options, { counts: this.counts, pacingScope: key });
  }

  /**
   * Waits for the next allowed slot of the request's paced kind and records the one after it.
   * A scoped sender also records, under its scope, how many slots it took and the last one's
   * time (one table batch with the kind's time), which is what a re-run of it reads back.
   */
  private async pace(request: GraphHttpRequest): Promise<void> {
    const kind = PACED_KINDS.find((k) => k.covers(request.path));
    if (!this.pacing || !kind) return;
    const { state } = this.pacing;
    const now = this.now().getTime();
    let call: number | undefined;
    let scopeKey: string | undefined;
    if (this.pacingScope !== undefined) {
      scopeKey = `scope|${kind.kind}|${this.pacingScope}`;
      call = this.scopedCalls.get(kind.kind) ?? 0;
      this.scopedCalls.set(kind.kind, call + 1);
      const record = this.scopeRecords.get(kind.kind) ?? loadScopeRecord(state, scopeKey);
      this.scopeRecords.set(kind.kind, record);
      const reused = reusedSlotWait(call, await record, now);
      if (reused !== undefined) {
        if (reused > 0) await this.sleep(reused);
        return;
      }
    }
    const slot = paceCall(now, await state.load(kind.kind), kind);
    const entries: [string, number[]][] = [[kind.kind, slot.recent]];
    if (scopeKey !== undefined && call !== undefined) entries.push([scopeKey, [call + 1, slot.at]]);
    // Recorded before waiting, so a crash during the wait still leaves the slot taken.
    await state.saveAll(entries);
    if (slot.waitMs > 0) await this.sleep(slot.waitMs);
  }

  get serviceRoot(): ServiceRoot {
    return this.transport.serviceRoot;
  }

  /** How long to wait before retry number `retry` (1-based) after `response` (undefined: no answer). */
  retryDelayMs(retry: number, retryAfter: string | undefined): number {
    return parseRetryAfterMs(retryAfter, this.now()) ?? backoffDelayMs(retry, this.policy, this.random);
  }

  async send(request: GraphHttpRequest, options: SendOptions = {}): Promise<GraphHttpResponse> {
    const tallies = options.tally ? [this.counts, options.tally] : [this.counts];
    const idempotent = options.idempotent ?? request.method !== "POST";
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) bump(tallies, "retries");
      bump(tallies, "total");
      if (request.method !== "GET" && request.path !== "/$batch") bump(tallies, "writes");
      let response: GraphHttpResponse;
      await this.pace(request);
      try {
        response = await this.sendOnce(request);
      } catch (error) {
        if (!(error instanceof GraphTransportError) || !idempotent || attempt >= this.policy.maxAttempts) {
          if (error instanceof GraphTransportError && idempotent) {
            throw new GraphRetriesExhaustedError(
              request.method,
              request.path,
              attempt,
              undefined,
              undefined,
              error.message,
            );
          }
          throw error;
        }
        await this.sleep(backoffDelayMs(attempt, this.policy, this.random));
        continue;
      }
      if (!isThrottleStatus(response.status)) return response;
      bump(tallies, "throttled");
      const retryAfterMs = parseRetryAfterMs(response.headers["retry-after"], this.now());
      if (retryAfterMs !== undefined && retryAfterMs > this.policy.maxRetryAfterMs) {
        throw new GraphRetriesExhaustedError(
          request.method,
          request.path,
          attempt,
          response.status,
          retryAfterMs,
          `Retry-After ${Math.round(retryAfterMs / 1000)} s exceeds the ${this.policy.maxRetryAfterMs / 1000} s limit`,
        );
      }
      if (attempt >= this.policy.maxAttempts) {
        throw new GraphRetriesExhaustedError(
          request.method,
          request.path,
          attempt,
          response.status,
          retryAfterMs,
          `still ${response.status} ${graphErrorOf(response.body).code ?? ""}`.trim(),
        );
      }
      await this.sleep(retryAfterMs ?? backoffDelayMs(attempt, this.policy, this.random));
    }
  }

  /**
   * One exchange under the timeout. The signal aborts the SDK's fetch; the race also covers a
   * transport that ignores it, so the limit holds whatever sits below.
   */
  private async sendOnce(request: GraphHttpRequest): Promise<GraphHttpResponse> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new GraphTransportError(
          request.method,
          request.path,
          new Error(`no answer within ${this.requestTimeoutMs} ms (request timeout)`),
        );
        controller.abort(error);
        reject(error);
      }, this.requestTimeoutMs);
    });
    try {
      return await Promise.race([this.transport.send({ ...request, signal: controller.signal }), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** send(), then any non-2xx status becomes a GraphRequestError. */
  async sendOk(request: GraphHttpRequest, options: SendOptions = {}): Promise<GraphHttpResponse> {
    const response = await this.send(request, options);
    if (response.status < 200 || response.status > 299) throw requestError(request, response);
    return response;
  }
}

export function requestError(
  request: Pick<GraphHttpRequest, "method" | "path">,
  response: Pick<GraphHttpResponse, "status" | "body">,
): GraphRequestError {
  const { code, message } = graphErrorOf(response.body);
  return new GraphRequestError(request.method, request.path, response.status, code, message);
}

async function loadScopeRecord(
  state: PolicyPacing["state"],
  scopeKey: string,
): Promise<{ calls: number; lastAt: number } | undefined> {
  const [calls, lastAt] = (await state.load(scopeKey)) ?? [];
  return calls === undefined || lastAt === undefined ? undefined : { calls, lastAt };
}
