/**
 * Table Storage limits a string property to 64 KiB (32K UTF-16 characters) and an entity to
 * 1 MiB, so a serialized instance is cut into properties of 30,000 characters, 15 per row.
 */
export const CHARS_PER_PROPERTY = 30_000;
export const PROPERTIES_PER_ROW = 15;

export function propertyName(index: number): string {
  return `d${String(index).padStart(2, "0")}`;
}

export function chunkRowKey(index: number): string {
  return `chunk-${String(index).padStart(4, "0")}`;
}

/** Splits text into rows of properties (d00, d01, …). */
export function splitIntoRows(text: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const perRow = CHARS_PER_PROPERTY * PROPERTIES_PER_ROW;
  for (let start = 0; start === 0 || start < text.length; start += perRow) {
    const slice = text.slice(start, start + perRow);
    const row: Record<string, string> = {};
    for (let p = 0; p * CHARS_PER_PROPERTY < slice.length || p === 0; p++) {
      row[propertyName(p)] = slice.slice(p * CHARS_PER_PROPERTY, (p + 1) * CHARS_PER_PROPERTY);
    }
    rows.push(row);
  }
  return rows;
}

/** Reassembles rows (in row order) written by splitIntoRows. */
export function joinRows(rows: Record<string, unknown>[]): string {
  let text = "";
  for (const row of rows) {
    for (let p = 0; p < PROPERTIES_PER_ROW; p++) {
      const value = row[propertyName(p)];
      if (typeof value !== "string") break;
      text += value;
    }
  }
  return text;
}
