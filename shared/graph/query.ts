/**
 * Builds `path?$a=..&$b=..` with encoded values. The SDK passes query strings through verbatim,
 * so encoding here is what keeps quotes, spaces and `&` in filters intact.
 */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `${path}?${parts.join("&")}` : path;
}

/** An OData string literal: single quotes doubled, as OData requires. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
