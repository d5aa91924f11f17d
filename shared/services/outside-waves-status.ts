import type { StatusStore } from "../store";
import type { OutsideWaves } from "./coverage";

export interface OutsideWavesStatus {
  serviceAccounts: OutsideWaves["serviceAccounts"] | null;
  remainderRule: OutsideWaves["remainder"]["rule"];
  /** Service accounts and users in no wave, where they stand now and why. */
  users: {
    userId: string;
    upn: string;
    serviceAccount: boolean;
    stage: string;
    reason: string;
    evidence?: string;
  }[];
  /** Users in no wave under report-only with no stated reason: must stay 0. */
  withoutReason: number;
}

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
