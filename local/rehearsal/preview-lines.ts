import type { OutsideWaves } from "../../shared/app/coverage";
import { stripControl } from "../../shared/text/terminal-safe";

/**
 * What the preview says before the start about the people no wave will enforce: the service
 * accounts it found, with their evidence and the plan's handling, and the users in no wave.
 * Names and evidence come from the directory: printed inert.
 */
export function previewLines(outside: OutsideWaves): string[] {
  const lines: string[] = [];
  const { accounts, action } = outside.serviceAccounts;
  if (accounts.length > 0) {
    lines.push(
      `Preview: ${accounts.length} service account(s) in the population (plan: serviceAccounts "${action}"):`,
    );
    for (const account of accounts) {
      lines.push(
        `  ${stripControl(account.userPrincipalName ?? account.userId)}: ${stripControl(account.evidence)}`,
      );
    }
  }
  const { remainder } = outside;
  if (remainder.users > 0) {
    const rule = remainder.rule
      ? `remainder "${remainder.rule.action}"`
      : "no remainder rule: the start is refused";
    lines.push(`Preview: ${remainder.users} user(s) in no wave (${rule})`);
  }
  return lines;
}
