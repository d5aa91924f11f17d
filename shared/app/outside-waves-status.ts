import type { OutsideWavesSection } from "../report/report-model";
import type { StatusStore } from "../store";
import type { OutsideWaves } from "./coverage";

/** What status, summary and report show; the report's model owns the shape. */
export type OutsideWavesStatus = OutsideWavesSection;

/**
 * Who sits outside the waves of a rollout, for status, summary and report: the setup's audit row
 * says what was decided (with the service accounts' evidence), the user rows where each stands now.
 */
export async function readOutsideWaves(store: StatusStore, rolloutId: string): Promise<OutsideWavesStatus> {
  const setup = (await store.audit.list(rolloutId, { limit: 5000 })).find((a) => a.action === "setup");
  const decided = setup?.details as Partial<OutsideWaves> | undefined;
  const accounts = new Map((decided?.serviceAccounts?.accounts ?? []).map((a) => [a.userId, a]));
  const rows = await store.users.list(rolloutId, { waveIndex: -1 }, 100_000);
  for (const userId of accounts.keys()) {
    const row = rows.some((u) => u.userId === userId) ? undefined : await store.users.find(rolloutId, userId);
    if (row) rows.push(row);
  }
  return {
    serviceAccounts: decided?.serviceAccounts ?? null,
    remainderRule: decided?.remainder?.rule ?? null,
    users: rows.map((u) => {
      const account = accounts.get(u.userId);
      return {
        userId: u.userId,
        upn: u.upn || account?.userPrincipalName || "",
        serviceAccount: account !== undefined,
        stage: u.stage,
        reason: u.reason ?? "",
        ...(account ? { evidence: account.evidence } : {}),
      };
    }),
    withoutReason: rows.filter((u) => u.stage === "reportOnly" && !u.reason).length,
  };
}
