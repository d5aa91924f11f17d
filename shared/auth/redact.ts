/**
 * Removes credentials from anything about to be logged or stored (audit rows, error details,
 * request dumps): bearer tokens and JWTs, App Service token headers (x-ms-token-*), function
 * keys, storage connection-string secrets (AccountKey=..., SharedAccessSignature=...), SAS
 * signatures. Returns a redacted copy; never throws, whatever it is given.
 */
export const REDACTED = "[REDACTED]";

// Keys compared after lower-casing and dropping everything but letters and digits, so
// "Authorization", "x-functions-key" and "client_secret" all match.
const SECRET_KEYS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "xfunctionskey",
  "xmsclientprincipal",
  "accountkey",
  "sharedaccesskey",
  "sharedaccesssignature",
  "apikey",
  "accesskey",
  "sig",
  "password",
  "passwd",
  "pwd",
]);
const SECRET_KEY_SUFFIXES = ["token", "tokens", "secret", "secrets", "password", "connectionstring"];
// Paging cursors end in "token" but are not credentials, and people need them to debug.
const NOT_SECRET_KEYS = new Set(["skiptoken", "deltatoken", "continuationtoken", "nextlinktoken"]);

const STRING_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Authorization header values.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // JWTs wherever they appear (three base64url segments, header starting with {" = eyJ).
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Connection-string secrets: AccountKey=...; SharedAccessSignature=...; Password=...
  [
    /\b(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|ClientSecret)=("[^"]*"|[^;"'\s]+)/gi,
    `$1=${REDACTED}`,
  ],
  // Secrets in URLs: function keys (?code=), SAS signatures (sig=), tokens in query strings.
  [
    /([?&](?:code|sig|access_token|id_token|refresh_token|client_secret|api-key|apikey|token)=)[^&#\s"']+/gi,
    `$1${REDACTED}`,
  ],
];

const MAX_DEPTH = 32;

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (NOT_SECRET_KEYS.has(normalized)) return false;
  if (SECRET_KEYS.has(normalized) || normalized.startsWith("xmstoken")) return true;
  return SECRET_KEY_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

export function redactString(text: string): string {
  let result = text;
  for (const [pattern, replacement] of STRING_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** A redacted deep copy: plain data stays plain data (Maps and Headers become objects). */
export function redactSecrets<T>(value: T): T;
export function redactSecrets(value: unknown): unknown {
  try {
    return redactValue(value, 0, new WeakSet());
  } catch {
    // Getters that throw, proxies and other exotica: say nothing rather than leak something.
    return REDACTED;
  }
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? `[${typeof value}]` : value;
  }
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated]";
  seen.add(value);
  try {
    if (value instanceof Date) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    if (value instanceof Error) {
      const copy: Record<string, unknown> = {
        name: value.name,
        message: redactString(value.message),
        ...(value.stack ? { stack: redactString(value.stack) } : {}),
      };
      return redactEntries(Object.entries(value), depth, seen, copy);
    }
    const entries = entriesOf(value);
    return redactEntries(entries, depth, seen, {});
  } finally {
    seen.delete(value);
  }
}

function redactEntries(
  entries: Iterable<[string, unknown]>,
  depth: number,
  seen: WeakSet<object>,
  into: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, item] of entries) {
    // defineProperty: a key named "__proto__" stays a plain key instead of re-parenting the copy.
    Object.defineProperty(into, key, {
      value: isSecretKey(key) ? REDACTED : redactValue(item, depth + 1, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return into;
}

/** Maps and fetch-style Headers (what @azure/functions gives for request headers) by their entries. */
function entriesOf(value: object): Array<[string, unknown]> {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v]);
  const maybeHeaders = value as { entries?: unknown; get?: unknown };
  if (typeof maybeHeaders.entries === "function" && typeof maybeHeaders.get === "function") {
    const iterator = (maybeHeaders.entries as () => Iterable<[unknown, unknown]>).call(value);
    return [...iterator].map(([k, v]) => [String(k), v]);
  }
  return Object.entries(value);
}
