import type { OutsideWavesStatus } from "../../shared/app/outside-waves-status";

/** The service accounts and the remainder as their own table: who, where they stand, and why. */
export function outsideWavesLines(outside: OutsideWavesStatus): string[] {
  const lines: string[] = [];
  const accounts = outside.users.filter((u) => u.serviceAccount);
  if (accounts.length > 0) {
    lines.push(
      "",
      `Service accounts (plan: serviceAccounts "${outside.serviceAccounts?.action ?? "hold"}"):`,
    );
    for (const user of accounts) {
      lines.push(`  ${user.upn || user.userId}  ${user.stage}: ${user.reason || "treated like people"}`);
      if (user.evidence) lines.push(`    evidence: ${user.evidence}`);
    }
  }
  const remainder = outside.users.filter((u) => !u.serviceAccount);
  if (remainder.length > 0) {
    const rule = outside.remainderRule ? `remainder "${outside.remainderRule.action}"` : "no remainder rule";
    lines.push("", `In no wave (${remainder.length}, plan: ${rule}):`);
    const byWhy = new Map<string, string[]>();
    for (const user of remainder) {
      const key = `${user.stage}: ${user.reason || "NO REASON"}`;
      byWhy.set(key, [...(byWhy.get(key) ?? []), user.upn || user.userId]);
    }
    for (const [why, users] of byWhy) lines.push(`  ${users.length} ${why}`);
  }
  if (outside.withoutReason > 0) {
    lines.push(
      "",
      `WARNING: ${outside.withoutReason} population user(s) sit in report-only with no stated reason`,
    );
  }
  return lines;
}
