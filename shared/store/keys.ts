import { InvalidStoreInputError } from "./errors";

/**
 * Key formats for the status tables. Every key is plain text an operator can type into a
 * Storage Explorer filter, and every multi-part RowKey sorts the way an operator reads it.
 */

/** The single partition of the rollouts table: listing every rollout is one partition query. */
export const ROLLOUTS_PARTITION = "rollout";

/** Wave indexes are zero-padded to this width so RowKeys sort numerically ("002" < "010"). */
export const WAVE_INDEX_WIDTH = 3;
export const MAX_WAVE_INDEX = 10 ** WAVE_INDEX_WIDTH - 1;

/** Table Storage keys are at most 1 KiB of UTF-16; staying at 512 characters keeps well inside it. */
const MAX_KEY_LENGTH = 512;
// Characters the service forbids in keys: / \ # ? and control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_KEY_CHARS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** Throws a clear error for a value that cannot be (part of) a PartitionKey or RowKey. */
export function assertKeyPart(value: string, what: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidStoreInputError(`${what} must be a non-empty string`);
  }
  if (value.length > MAX_KEY_LENGTH) {
    throw new InvalidStoreInputError(`${what} is longer than ${MAX_KEY_LENGTH} characters`);
  }
  if (FORBIDDEN_KEY_CHARS.test(value)) {
    throw new InvalidStoreInputError(
      `${what} '${value}' contains a character Table Storage forbids in keys (/ \\ # ? or a control character)`,
    );
  }
  return value;
}

export function waveRowKey(waveIndex: number): string {
  if (!Number.isInteger(waveIndex) || waveIndex < 0 || waveIndex > MAX_WAVE_INDEX) {
    throw new InvalidStoreInputError(
      `wave index must be an integer from 0 to ${MAX_WAVE_INDEX}, got ${waveIndex}`,
    );
  }
  return String(waveIndex).padStart(WAVE_INDEX_WIDTH, "0");
}

export function parseWaveRowKey(rowKey: string): number {
  const index = Number(rowKey.slice(0, WAVE_INDEX_WIDTH));
  if (!/^\d+$/.test(rowKey.slice(0, WAVE_INDEX_WIDTH)) || !Number.isInteger(index)) {
    throw new InvalidStoreInputError(`'${rowKey}' does not start with a wave index`);
  }
  return index;
}

/**
 * The users table spreads a rollout over USER_BUCKETS partitions, `${rolloutId}|000` .. `|3ff`, by
 * a hash of the user id. A Table Storage partition serves about 2,000 entities a second, and the
 * emulator's writes slow with every entity already in the partition (each write first scans its
 * partition), so at 100,000 users 32 partitions of ~3,000 rows made every bulk write crawl. A
 * bulk write still goes in transactions of up to 100 rows of one partition. A user's
 * partition follows from the id alone.
 */
export const USER_BUCKETS = 1024;
const BUCKET_DIGITS = (USER_BUCKETS - 1).toString(16).length;

export function userBucket(userId: string): string {
  let hash = 0x811c9dc5;
  const id = userId.toLowerCase();
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) % USER_BUCKETS).toString(16).padStart(BUCKET_DIGITS, "0");
}

export function userPartitionKey(rolloutId: string, userId: string): string {
  return `${assertKeyPart(rolloutId, "rollout id")}|${userBucket(userId)}`;
}

/** Every partition of one rollout's users: the closed range [first, last]. */
export function userPartitionRange(rolloutId: string): { first: string; last: string } {
  assertKeyPart(rolloutId, "rollout id");
  return {
    first: `${rolloutId}|${"0".repeat(BUCKET_DIGITS)}`,
    last: `${rolloutId}|${(USER_BUCKETS - 1).toString(16).padStart(BUCKET_DIGITS, "0")}`,
  };
}

/** A partition of the users table beside the rollout's user partitions that no user query sees. */
export function userSidePartition(rolloutId: string, name: string): string {
  // `~` sorts after every hex digit, so `${rolloutId}|~name` lies past `last`.
  return `${assertKeyPart(rolloutId, "rollout id")}|~${name}`;
}

/** Normalises any accepted time to the one ISO form (UTC, milliseconds) so string order is time order. */
export function isoTime(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new InvalidStoreInputError(`'${String(value)}' is not a valid time`);
  }
  return date.toISOString();
}

/** `${wave}-${time}-${gate}`: a wave's gate evaluations sort together, oldest first. */
export function gateRowKey(waveIndex: number, evaluatedAt: Date | string, gate: string): string {
  return `${waveRowKey(waveIndex)}-${isoTime(evaluatedAt)}-${assertKeyPart(gate, "gate name")}`;
}

/** Idempotency keys become part of a RowKey, so they are limited to characters that read well there. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:=+-]{1,200}$/;

export function assertIdempotencyKey(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidStoreInputError(
      `idempotency key '${key}' must be 1-200 characters of letters, digits and _ . : = + -`,
    );
  }
  return key;
}

/** `${time}-${suffix}`: the audit partition reads as a log, oldest first. */
export function auditRowKey(at: Date | string, suffix: string): string {
  return `${isoTime(at)}-${suffix}`;
}

/**
 * Marker rows that make an idempotency key claimable exactly once. "~" sorts after every digit,
 * so markers sit at the end of a rollout's audit partition, after the log itself.
 */
export const AUDIT_MARKER_PREFIX = "~key-";

export function auditMarkerRowKey(idempotencyKey: string): string {
  return `${AUDIT_MARKER_PREFIX}${assertIdempotencyKey(idempotencyKey)}`;
}

/**
 * Counter RowKeys are `${windowKey}|${userId}`: one window's counters are one RowKey range.
 * "|" cannot occur in a window key, so no window's range overlaps another's.
 */
export const COUNTER_SEPARATOR = "|";

export function assertWindowKey(windowKey: string): string {
  assertKeyPart(windowKey, "window key");
  if (windowKey.includes(COUNTER_SEPARATOR)) {
    throw new InvalidStoreInputError(`window key '${windowKey}' must not contain '${COUNTER_SEPARATOR}'`);
  }
  return windowKey;
}

/**
 * A window stored as one document (see CountersRepository.writeDocument) uses RowKeys that start
 * `${windowKey}|~`: "~" sorts after every character a user id RowKey starts with.
 */
export const COUNTER_DOCUMENT_MARK = "~";

export function counterRowKey(windowKey: string, userId: string): string {
  assertKeyPart(userId, "user id");
  if (userId.startsWith(COUNTER_DOCUMENT_MARK)) {
    throw new InvalidStoreInputError(`user id '${userId}' must not start with '${COUNTER_DOCUMENT_MARK}'`);
  }
  return `${assertWindowKey(windowKey)}${COUNTER_SEPARATOR}${userId}`;
}

/** The half-open RowKey range [from, to) holding exactly one window's counters (rows and document). */
export function counterWindowRange(windowKey: string): { from: string; to: string } {
  assertWindowKey(windowKey);
  // The character after "|" in code-point order is "}", so `${w}}` bounds the range.
  return { from: `${windowKey}${COUNTER_SEPARATOR}`, to: `${windowKey}}` };
}

/** The per-user rows of a window only: its document rows sort after them. */
export function counterUserRange(windowKey: string): { from: string; to: string } {
  const { from } = counterWindowRange(windowKey);
  return { from, to: `${from}${COUNTER_DOCUMENT_MARK}` };
}

/** The head row of a window document: which generation of body rows is current. */
export function counterDocumentHeadKey(windowKey: string): string {
  return `${counterWindowRange(windowKey).from}${COUNTER_DOCUMENT_MARK}head`;
}

/** Body rows of one generation of a window document: `${w}|~g<generation>-00012`. */
export function counterDocumentBodyPrefix(windowKey: string, generation: string): string {
  return `${counterWindowRange(windowKey).from}${COUNTER_DOCUMENT_MARK}g${assertKeyPart(generation, "generation")}-`;
}
