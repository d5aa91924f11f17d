import type { HoldBack } from "../../shared/domain";
import type { Backtest } from "./backtest";

/** The backtest as lines: per wave, each gate's verdict, decision and reasons, and whom it holds back. */
export function backtestLines(result: Backtest, nameOf: (userId: string) => string): string[] {
  const lines: string[] = [];
  const held = (holdBack: readonly HoldBack[]) =>
    holdBack.map((h) => `      would hold back ${nameOf(h.userId)}: ${h.reason}`);
  for (const wave of result.waves) {
    lines.push(`Wave "${wave.name}": ${wave.users} users, ${wave.usersInRecording} of them in the recording`);
    const r = wave.readiness;
    lines.push(
      `  readiness gate (attempts ${r.from} to ${r.until}): ${r.readiness.verdict} → ${r.decision.decision}: ${r.decision.reason}`,
      ...r.readiness.reasons.map((reason) => `      ${reason}`),
      ...held(r.decision.holdBack),
    );
    const h = wave.health;
    if (!h) {
      lines.push("  health gate: the recording never shows this wave enforced, so there is no bake to judge");
      continue;
    }
    lines.push(
      `  health gate (enforced from ${wave.enforcedAt}; attempts ${h.from} to ${h.until}): ${h.health.verdict} → ${h.decision.decision}: ${h.decision.reason}`,
      ...h.health.reasons.map((reason) => `      ${reason}`),
      ...held(h.decision.holdBack),
    );
  }
  return lines;
}
