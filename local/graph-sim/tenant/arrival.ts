import type { Arrival } from "./scenario-schema";

/**
 * How long after its createdDateTime a row becomes visible in /auditLogs/signIns. The older Azure AD
 * reporting-latency table (MicrosoftDocs/azure-docs, reference-reports-latencies) gave sign-ins 2
 * minutes at the 95th percentile and 5 at the 99th; the current page
 * (MicrosoftDocs/entra-docs, docs/identity/monitoring-health/reference-log-latency.md) gives no
 * bound at all, so the default tail runs to 2 hours, and a scenario may send a share of rows hours
 * late (`lateShare`, `lateHours`): the docs promise nothing better.
 */
export interface ArrivalModel {
  /** Delay in ms for a row, from two independent uniform draws in [0, 1). */
  delayMs(u: number, late: number): number;
  /** No row takes longer than this. */
  readonly maxDelayMs: number;
}

export function arrivalModel(arrival: Arrival): ArrivalModel {
  const knots: [number, number][] = [
    [0, arrival.minSeconds],
    [0.5, arrival.p50Seconds],
    [0.95, arrival.p95Seconds],
    [0.99, arrival.p99Seconds],
    [1, arrival.maxSeconds],
  ];
  // Log-linear between the quantiles: most rows are quick, the tail is long and thin.
  const logs = knots.map(([q, s]) => [q, Math.log(Math.max(s, 0.001)), s] as const);
  const lateFrom = arrival.lateHours.min * 3_600_000;
  const lateSpan = (arrival.lateHours.max - arrival.lateHours.min) * 3_600_000;
  const lateShare = arrival.lateShare;
  return {
    maxDelayMs: Math.max(arrival.maxSeconds * 1000, lateShare > 0 ? lateFrom + lateSpan : 0),
    delayMs(u, late) {
      if (late < lateShare) return lateFrom + u * lateSpan;
      for (let i = 1; i < logs.length; i++) {
        const [q1, l1, s1] = logs[i]!;
        if (u <= q1 || i === logs.length - 1) {
          const [q0, l0, s0] = logs[i - 1]!;
          if (s0 === 0 && s1 === 0) return 0;
          const t = Math.min(1, (u - q0) / (q1 - q0));
          return Math.round(Math.exp(l0 + t * (l1 - l0)) * 1000);
        }
      }
      return arrival.maxSeconds * 1000;
    },
  };
}
