import { auditFromEntity, auditToEntity } from "../../../../shared/store/audit-entity";
import type { AuditEntry } from "../../../../shared/store";

describe("audit rows with the caller's identity", () => {
  const entry: AuditEntry = {
    rolloutId: "r1",
    rowKey: "2026-03-02T08:00:00.000Z-abc",
    at: "2026-03-02T08:00:00.000Z",
    actor: "jane.doe@contoso.com",
    actorId: "3f2a9c4e-1b7d-4e0a-9c55-2d1e8f7a6b01",
    actorName: "Jane Doe",
    action: "request:pause",
  };

  it("keeps object id and display name in their own columns, readable in Storage Explorer", () => {
    const entity = auditToEntity(entry);
    expect(entity.actorId).toBe(entry.actorId);
    expect(entity.actorName).toBe("Jane Doe");
    expect(auditFromEntity(entity)).toEqual(entry);
  });

  it("leaves the columns out for system actors, which have no object id", () => {
    const system: AuditEntry = { ...entry, actor: "system:engine" };
    delete system.actorId;
    delete system.actorName;
    const entity = auditToEntity(system);
    expect("actorId" in entity).toBe(false);
    expect("actorName" in entity).toBe(false);
    expect(auditFromEntity(entity)).toEqual(system);
  });
});
