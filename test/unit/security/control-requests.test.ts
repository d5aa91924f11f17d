import type { AuditEntry, AuditInput, StatusStore } from "../../../shared/store";
import {
  CONTROL_GUARD,
  recordControlRequest,
  verifyControlRequest,
  type VerifyControlInput,
} from "../../../shared/app/control-requests";

/** The two audit calls the guard makes, with the table's idempotency semantics, in memory. */
function memoryAudit() {
  const rows: AuditEntry[] = [];
  const byKey = new Map<string, AuditEntry>();
  const audit = {
    async append(rolloutId: string, input: AuditInput) {
      const existing = input.idempotencyKey ? byKey.get(`${rolloutId}|${input.idempotencyKey}`) : undefined;
      if (existing) return { entry: existing, created: false };
      const { at, ...rest } = input;
      const entry: AuditEntry = {
        ...rest,
        rolloutId,
        at: String(at ?? "2026-01-01T00:00:00.000Z"),
        rowKey: `r${rows.length}`,
      };
      rows.push(entry);
      if (input.idempotencyKey) byKey.set(`${rolloutId}|${input.idempotencyKey}`, entry);
      return { entry, created: true };
    },
    async findByIdempotencyKey(rolloutId: string, key: string) {
      return byKey.get(`${rolloutId}|${key}`);
    },
  };
  return { store: { audit } as unknown as Pick<StatusStore, "audit">, rows };
}

const ADMIN = {
  actor: "jane@contoso.com",
  actorId: "6a1f0c2e-0000-4000-8000-00000000ad01",
  actorName: "Jane",
};
const input = (over: Partial<VerifyControlInput>): VerifyControlInput => ({
  rolloutId: "r1",
  event: "approve",
  raised: {},
  waitId: "wait-1",
  at: "2026-01-08T12:00:00.000Z",
  ...over,
});

describe("finding 1: an admin event acts only with the app's request row behind it", () => {
  it("refuses an event that names an actor but no request, and audits the claim as evidence", async () => {
    const { store, rows } = memoryAudit();
    const verdict = await verifyControlRequest(store, input({ raised: { actor: "ceo@contoso.com" } }));
    expect(verdict).toEqual({ ok: false, why: "the event names no request" });
    expect(rows).toEqual([
      expect.objectContaining({
        actor: CONTROL_GUARD,
        action: "control:refused",
        details: expect.objectContaining({ event: "approve", claimedActor: "ceo@contoso.com" }),
      }),
    ]);
  });

  it("refuses a request id no row of this rollout has, and one of another rollout", async () => {
    const { store } = memoryAudit();
    const requestId = await recordControlRequest(store, "other", ADMIN, { action: "approve" });
    expect(await verifyControlRequest(store, input({ raised: { requestId } }))).toMatchObject({ ok: false });
    const madeUp = "3f1c0000-0000-4000-8000-000000000001";
    expect(await verifyControlRequest(store, input({ raised: { requestId: madeUp } }))).toMatchObject({
      ok: false,
      why: "no request row of this rollout has that id",
    });
  });

  it("refuses a pause request raised as an approve", async () => {
    const { store } = memoryAudit();
    const requestId = await recordControlRequest(store, "r1", ADMIN, { action: "pause" });
    expect(await verifyControlRequest(store, input({ raised: { requestId } }))).toMatchObject({
      ok: false,
      why: "the request row is request:pause, not request:approve",
    });
  });

  it("takes actor, reason and stepBack from the row, never from the event", async () => {
    const { store } = memoryAudit();
    const requestId = await recordControlRequest(store, "r1", ADMIN, {
      action: "abort",
      reason: "\u001b[31mstop\u001b[0m now, token Bearer abc.def",
      stepBack: true,
    });
    const verdict = await verifyControlRequest(
      store,
      input({ event: "abort", raised: { requestId, actor: "ceo@contoso.com", stepBack: false } }),
    );
    expect(verdict).toEqual({
      ok: true,
      data: { actor: "jane@contoso.com", reason: "stop now, token Bearer [REDACTED]", stepBack: true },
    });
  });

  it("accepts a retried verification of the same wait, refuses the request at another wait", async () => {
    const { store, rows } = memoryAudit();
    const requestId = await recordControlRequest(store, "r1", ADMIN, { action: "approve" });
    expect(await verifyControlRequest(store, input({ raised: { requestId } }))).toMatchObject({ ok: true });
    expect(await verifyControlRequest(store, input({ raised: { requestId } }))).toMatchObject({ ok: true });
    expect(await verifyControlRequest(store, input({ raised: { requestId }, waitId: "wait-2" }))).toEqual({
      ok: false,
      why: "the request was already used",
    });
    expect(rows.map((r) => r.action)).toEqual(["request:approve", "control:accepted", "control:refused"]);
  });
});
