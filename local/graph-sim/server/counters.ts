/** What the simulator has served; read and reset through /_sim/counters or the programmatic API. */
export interface SimCounters {
  /** HTTP requests to the Graph surface (a $batch counts once here). */
  total: number;
  /** Dispatched Graph operations by route name, $batch items included. */
  byEndpoint: Record<string, number>;
  /** Write operations (POST/PATCH/PUT/DELETE), $batch items included, the $batch envelope not. */
  writes: number;
  throttled: number;
  faulted: number;
  /** Requests held past their fault rule's delayMs (the client has usually given up by then). */
  delayed: number;
  batchItems: number;
  signInPagesServed: number;
  registrationPagesServed: number;
  /** User objects deleted through the API: the gateway must never cause one. */
  userDeletes: number;
}

export class Counters {
  private data: SimCounters = Counters.empty();

  static empty(): SimCounters {
    return {
      total: 0,
      byEndpoint: {},
      writes: 0,
      throttled: 0,
      faulted: 0,
      delayed: 0,
      batchItems: 0,
      signInPagesServed: 0,
      registrationPagesServed: 0,
      userDeletes: 0,
    };
  }

  bump(field: Exclude<keyof SimCounters, "byEndpoint">, by = 1): void {
    this.data[field] += by;
  }

  endpoint(name: string): void {
    this.data.byEndpoint[name] = (this.data.byEndpoint[name] ?? 0) + 1;
  }

  snapshot(): SimCounters {
    return { ...this.data, byEndpoint: { ...this.data.byEndpoint } };
  }

  reset(): void {
    this.data = Counters.empty();
  }
}
