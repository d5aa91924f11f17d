/** The four outcomes of any gate (docs/DESIGN.md). */
export const VERDICTS = ["Pending", "Pass", "Fail", "Inconclusive"] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface GateResult<M> {
  verdict: Verdict;
  /** Sentences an operator can act on, most important first. */
  reasons: string[];
  /** Sample sizes, rates and bounds behind the verdict, for the gates table. */
  metrics: M;
}

/** A user to take out of the wave (back to report-only) and why, in words. */
export interface HoldBack {
  userId: string;
  reason: string;
}

/** 0.02 → "2%", 0.025 → "2.5%", 0.0004 → "0.04%": short, but never rounds a real rate to 0. */
export function percent(share: number): string {
  const value = share * 100;
  const text = Math.abs(value) >= 1 || value === 0 ? value.toFixed(1) : value.toPrecision(1);
  return `${Number(text)}%`;
}
