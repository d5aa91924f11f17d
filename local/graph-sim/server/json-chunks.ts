/**
 * JSON text as several small buffers, byte for byte what `JSON.stringify` gives.
 *
 * A sign-in page is half a megabyte of JSON. Encoded in one piece it becomes a string and a buffer
 * that V8 and malloc each place in freshly mapped memory, whose page faults cost more than the
 * encoding itself (about three times as much per page on the bench machine). Items of the body's
 * arrays are encoded one by one and gathered into buffers well under V8's large-object size.
 * (A `toJSON` that reads its key argument would see "" here: no body the simulator sends has one.)
 */
const CHUNK_CHARS = 32 * 1024;
/** Arrays shorter than this are encoded with their object: splitting them saves nothing. */
const SPLIT_ARRAYS_FROM = 32;

export function encodeJsonChunks(value: unknown): Buffer[] {
  if (!isPlainObject(value)) return wholeOrNothing(value);
  const chunks: Buffer[] = [];
  let pending = "{";
  let first = true;
  const flush = () => {
    chunks.push(Buffer.from(pending, "utf8"));
    pending = "";
  };
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (Array.isArray(member) && member.length >= SPLIT_ARRAYS_FROM && !hasToJson(member)) {
      pending += `${first ? "" : ","}${JSON.stringify(key)}:[`;
      first = false;
      for (let i = 0; i < member.length; i++) {
        // As in an array, an item with no JSON form is written as null.
        pending += `${i === 0 ? "" : ","}${JSON.stringify(member[i]) ?? "null"}`;
        if (pending.length > CHUNK_CHARS) flush();
      }
      pending += "]";
      continue;
    }
    const encoded = JSON.stringify(member);
    // JSON.stringify leaves out members whose value has no JSON form (undefined, functions).
    if (encoded === undefined) continue;
    pending += `${first ? "" : ","}${JSON.stringify(key)}:${encoded}`;
    first = false;
    if (pending.length > CHUNK_CHARS) flush();
  }
  pending += "}";
  flush();
  return chunks;
}

function wholeOrNothing(value: unknown): Buffer[] {
  const text = JSON.stringify(value);
  return text === undefined ? [] : [Buffer.from(text, "utf8")];
}

/** Objects JSON.stringify walks key by key: no toJSON of their own, not arrays. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !hasToJson(value);
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}
