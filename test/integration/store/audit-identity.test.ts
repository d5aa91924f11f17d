import { TableClient } from "@azure/data-tables";
import { REDACTED } from "../../../shared/auth";
import { azuriteConnectionString } from "../azurite-env";
import { freshStore } from "./store-fixture";

const OID = "3f2a9c4e-1b7d-4e0a-9c55-2d1e8f7a6b01";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlLXBhcnQ";

describe("audit rows: who, and nothing secret", () => {
  it("stores the caller's object id and display name (with spaces) beside the actor token", async () => {
    const { store } = await freshStore();
    await store.audit.append("r1", {
      actor: "jane.doe@contoso.com",
      actorId: OID,
      actorName: "Jane Doe",
      action: "request:pause",
    });
    const [entry] = await store.audit.list("r1");
    expect(entry).toMatchObject({ actor: "jane.doe@contoso.com", actorId: OID, actorName: "Jane Doe" });
  });

  it("redacts tokens and secrets in details before they reach the table, whatever their shape", async () => {
    const { store, prefix } = await freshStore();
    const { entry } = await store.audit.append("r1", {
      actor: "jane.doe@contoso.com",
      actorId: OID,
      actorName: "Jane Doe",
      action: "exclusion:add",
      details: {
        reason: `helpdesk ticket, token was Bearer ${JWT}`,
        headers: { Authorization: `Bearer ${JWT}`, "x-ms-token-aad-access-token": "opaque-value" },
        storage: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0a2V5;",
        clientSecret: "p@ss",
        userId: "7b0c0000-0000-4000-8000-000000000001",
      },
    });
    // What the writer gets back is what was stored.
    expect(JSON.stringify(entry.details)).not.toContain(JWT);

    // Read the raw row, not the repository's view, so nothing on the read path could hide a leak.
    const raw = TableClient.fromConnectionString(azuriteConnectionString(), `${prefix}audit`, {
      allowInsecureConnection: true,
    });
    const rows = [];
    for await (const row of raw.listEntities()) rows.push(row);
    const stored = JSON.stringify(rows);
    for (const secret of [JWT, "opaque-value", "c2VjcmV0a2V5", "p@ss"]) expect(stored).not.toContain(secret);

    const details = (await store.audit.list("r1"))[0]?.details as Record<string, unknown>;
    expect(details.userId).toBe("7b0c0000-0000-4000-8000-000000000001");
    expect(details.clientSecret).toBe(REDACTED);
    expect(details.reason).toBe(`helpdesk ticket, token was Bearer ${REDACTED}`);
    expect(details.storage).toContain(`AccountKey=${REDACTED}`);
  });

  it("refuses an object id that is not one token and a display name with control characters", async () => {
    const { store } = await freshStore();
    await expect(
      store.audit.append("r1", { actor: "a@x", actorId: "two words", action: "pause" }),
    ).rejects.toThrow(/actorId/);
    await expect(
      store.audit.append("r1", { actor: "a@x", actorId: OID, actorName: "bad\nname", action: "pause" }),
    ).rejects.toThrow(/actorName/);
    expect(await store.audit.list("r1")).toEqual([]);
  });
});
