import type { UserRecord } from "../../../../shared/store";
import {
  ADOPTED_EXCLUSION_DAYS,
  belongsInEnforcedGroup,
  reconcileUser,
  REASONS,
  type UserTruth,
} from "../../../../shared/app/reconcile-rules";

const AT = "2026-02-02T10:00:00.000Z";

function row(change: Partial<UserRecord> = {}): UserRecord {
  return {
    userId: "3c2a9d1b-8e4f-4b6a-a1d0-5f9e7c3b2a01",
    upn: "ana@contoso.com",
    waveIndex: 1,
    stage: "enforced",
    updatedAt: "2026-01-20T08:00:00.000Z",
    ...change,
  };
}

function truth(change: Partial<UserTruth> = {}): UserTruth {
  return { inEnforcedGroup: true, inExcludedGroup: false, exists: true, waveEnforced: true, ...change };
}

describe("reconcileUser: Graph's group membership wins over the users table", () => {
  it("leaves a row that agrees with Graph alone", () => {
    const result = reconcileUser(row(), truth(), AT);
    expect(result).toMatchObject({ changed: false, removeFromEnforcedGroup: false });
    expect(result.next).toEqual({
      userId: row().userId,
      upn: "ana@contoso.com",
      waveIndex: 1,
      stage: "enforced",
    });
    expect(reconcileUser(row({ stage: "reportOnly" }), truth({ inEnforcedGroup: false }), AT).changed).toBe(
      false,
    );
  });

  it("marks an enforced member of an enforced wave enforced, dropping held-back leftovers", () => {
    const result = reconcileUser(
      row({ stage: "heldBack", reason: "Contoso Invoicing on iOS", retryAt: "2026-02-09T00:00:00.000Z" }),
      truth(),
      AT,
    );
    expect(result.changed).toBe(true);
    expect(result.next.stage).toBe("enforced");
    expect(result.next.reason).toBeUndefined();
    expect(result.next.retryAt).toBeUndefined();
  });

  it("takes a member out of the enforced group when their wave has not been enforced yet", () => {
    const early = reconcileUser(row({ stage: "reportOnly" }), truth({ waveEnforced: false }), AT);
    expect(early).toMatchObject({ changed: false, removeFromEnforcedGroup: true });
    const lying = reconcileUser(row({ stage: "enforced" }), truth({ waveEnforced: false }), AT);
    expect(lying).toMatchObject({ changed: true, removeFromEnforcedGroup: true });
    expect(lying.next).toMatchObject({ stage: "reportOnly", reason: REASONS.addedTooEarly });
  });

  it("never enforces a user of no wave (index -1), whatever the group says", () => {
    const result = reconcileUser(row({ waveIndex: -1, stage: "reportOnly" }), truth(), AT);
    expect(result.removeFromEnforcedGroup).toBe(true);
    expect(result.next.stage).toBe("reportOnly");
  });

  it("holds back, with the reason, an enforced user who left the group: removed by hand or deleted", () => {
    const removed = reconcileUser(row(), truth({ inEnforcedGroup: false }), AT);
    expect(removed.next).toMatchObject({ stage: "heldBack", reason: REASONS.removedOutOfBand });
    expect(removed.next.retryAt).toBeUndefined();
    const deleted = reconcileUser(row(), truth({ inEnforcedGroup: false, exists: false }), AT);
    expect(deleted.next).toMatchObject({ stage: "heldBack", reason: REASONS.deleted });
  });

  it("adopts a membership of the excluded group added by hand, time-boxed", () => {
    const result = reconcileUser(row(), truth({ inExcludedGroup: true }), AT);
    expect(result.next).toMatchObject({
      stage: "excluded",
      reason: REASONS.excludedOutOfBand,
      stageBeforeExclusion: "enforced",
      exclusionExpiresAt: new Date(Date.parse(AT) + ADOPTED_EXCLUSION_DAYS * 86_400_000).toISOString(),
    });
    expect(result.removeFromEnforcedGroup).toBe(false);
  });

  it("keeps an exclusion the table knows, and ends one Graph no longer has", () => {
    const excluded = row({
      stage: "excluded",
      reason: "travelling without a phone",
      exclusionExpiresAt: "2026-02-20T00:00:00.000Z",
      stageBeforeExclusion: "reportOnly",
    });
    expect(
      reconcileUser(excluded, truth({ inExcludedGroup: true, inEnforcedGroup: false }), AT).changed,
    ).toBe(false);
    const ended = reconcileUser(excluded, truth({ inExcludedGroup: false, inEnforcedGroup: false }), AT);
    expect(ended.next).toMatchObject({ stage: "reportOnly" });
    expect(ended.next.exclusionExpiresAt).toBeUndefined();
  });

  it("agrees with the invariants on who belongs in the enforced group", () => {
    expect(belongsInEnforcedGroup({ stage: "enforced" })).toBe(true);
    expect(belongsInEnforcedGroup({ stage: "excluded", stageBeforeExclusion: "enforced" })).toBe(true);
    expect(belongsInEnforcedGroup({ stage: "excluded", stageBeforeExclusion: "heldBack" })).toBe(false);
    expect(belongsInEnforcedGroup({ stage: "heldBack" })).toBe(false);
  });
});
