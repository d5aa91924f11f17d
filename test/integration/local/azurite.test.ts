import { TableClient } from "@azure/data-tables";
import { azuriteConnectionString, uniqueTableName } from "../azurite-env";

describe("Azurite started by global setup", () => {
  it("stores and reads back a table entity", async () => {
    const table = TableClient.fromConnectionString(azuriteConnectionString(), uniqueTableName("probe"), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    await table.upsertEntity({ partitionKey: "p", rowKey: "r", value: 42 });
    const entity = await table.getEntity<{ value: number }>("p", "r");
    expect(entity.value).toBe(42);
  });
});
