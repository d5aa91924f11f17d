import {
  CHARS_PER_PROPERTY,
  joinRows,
  PROPERTIES_PER_ROW,
  splitIntoRows,
} from "../../../../local/durable-host/table-chunks";

describe("splitting state across table properties and rows", () => {
  it("keeps every property under the 64 KiB limit and round-trips", () => {
    const text = "é".repeat(CHARS_PER_PROPERTY * PROPERTIES_PER_ROW + 12_345);
    const rows = splitIntoRows(text);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      for (const value of Object.values(row)) expect(value.length).toBeLessThanOrEqual(CHARS_PER_PROPERTY);
      expect(Object.keys(row).length).toBeLessThanOrEqual(PROPERTIES_PER_ROW);
    }
    expect(joinRows(rows)).toBe(text);
  });

  it("writes one row for a small or empty state", () => {
    expect(splitIntoRows("")).toEqual([{ d00: "" }]);
    expect(joinRows(splitIntoRows("{}"))).toBe("{}");
  });
});
