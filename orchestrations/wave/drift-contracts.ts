/** Names and payloads of the drift and reconcile activities (small: counts and reasons only). */
export const DriftActivities = {
  checkDrift: "check-drift",
  reconcile: "reconcile",
} as const;

export interface CheckDriftInput {
  rolloutId: string;
  waveIndex: number;
  at: string;
  checkpoint: "enforcement" | "health gate";
}

export interface CheckDriftResult {
  drift: boolean;
  reasons: string[];
  deletedUsers: number;
}

export interface ReconcileActivityInput {
  rolloutId: string;
  at: string;
  actor: string;
  /** Resume after a drift pause: adopt edited policies (break-glass still excluded), recreate deleted ones. */
  acknowledgePolicies: boolean;
  idempotencyKey: string;
}

export interface ReconcileActivityResult {
  changed: number;
  removedFromEnforcedGroup: number;
  outsidersRemoved: number;
  policyDrift: boolean;
}
