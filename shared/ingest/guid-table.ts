import { borrowInts, returnInts } from "./spare-ints";

/**
 * An open-addressing table from GUID text to a few integers, keyed by the GUID's 128 bits. It exists
 * for the gate counters' inner loop: a user id from Graph is a fresh 36-character string, and a Map
 * lookup by it walks bucket, entry, stored key string and value, each a cache miss once the page
 * being parsed has flushed the caches. Here the key and its integers share one 32-byte slot, so a
 * hit costs one miss, and parsing the hex digits needs no hashing of the string. Case-insensitive.
 */
export class GuidTable {
  /** Per slot: the GUID as four 32-bit words, then FIELDS integers of the caller's; 0 = empty slot. */
  data: Int32Array;
  private mask: number;
  private size = 0;

  constructor(capacity: number) {
    // At most half full, so a probe rarely looks past a slot or two.
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.data = borrowInts(slots * STRIDE);
    this.mask = slots - 1;
  }

  /** Hands the table's memory on for reuse; the table is empty and unusable after. */
  release(): void {
    returnInts(this.data);
    // One empty slot: finds answer NOT_FOUND and inserts fail, rather than probing freed memory.
    this.data = new Int32Array(STRIDE);
    this.mask = 0;
    this.size = 0;
  }

  /** Offset in `data` of the id's slot, NOT_FOUND, or NOT_A_GUID when the text is no GUID. */
  find(id: string): number {
    if (!parseGuid(id)) return NOT_A_GUID;
    const at = this.probe();
    return this.data[at + 4] === 0 ? NOT_FOUND : at;
  }

  /**
   * Offset of the slot of `id`, added if absent, or NOT_A_GUID. A new slot's first field is set
   * to `first`, which must not be 0 (it marks the slot as taken); its other fields start at 0.
   */
  insert(id: string, first: number): number {
    if (first === 0) throw new RangeError("GuidTable: a slot's first field must not be 0");
    if (!parseGuid(id)) return NOT_A_GUID;
    const at = this.probe();
    if (this.data[at + 4] === 0) this.claim(at, first);
    return at;
  }

  /** Whether one more insert fits (the table stays at most half full). */
  get hasRoom(): boolean {
    return (this.size + 1) * 2 <= this.mask + 1;
  }

  /**
   * Doubles the table, keeping every slot's id and fields; offsets found before are void after.
   * For tables whose number of ids is not known up front (the attempts of a read).
   */
  grow(): void {
    const old = this.data;
    const slots = (this.mask + 1) * 2;
    this.data = borrowInts(slots * STRIDE);
    this.mask = slots - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 4] === 0) continue;
      for (let w = 0; w < 4; w++) words[w] = old[at + w] as number;
      const to = this.probe();
      for (let k = 0; k < STRIDE; k++) this.data[to + k] = old[at + k] as number;
    }
    returnInts(old);
  }

  /**
   * Offset of the id's slot, or of the empty slot where it would go (its field at offset 4 is then
   * 0), or NOT_A_GUID: one parse of the id for a caller that may claim the slot next.
   */
  slotOf(id: string): number {
    if (!parseGuid(id)) return NOT_A_GUID;
    return this.probe();
  }

  /**
   * Takes the empty slot slotOf() just answered, for the id it parsed (no other call on any
   * GuidTable in between, and hasRoom checked before slotOf), its first field set to `first` (not 0).
   */
  claim(at: number, first: number): void {
    if (first === 0) throw new RangeError("GuidTable: a slot's first field must not be 0");
    if (this.data[at + 4] !== 0) throw new Error("GuidTable: claim() of a taken slot");
    if (!this.hasRoom) throw new RangeError("GuidTable: more ids than its capacity");
    this.data[at] = words[0] as number;
    this.data[at + 1] = words[1] as number;
    this.data[at + 2] = words[2] as number;
    this.data[at + 3] = words[3] as number;
    this.data[at + 4] = first;
    this.size++;
  }

  /**
   * Empties the slot of the id whose four words are at `keys[from..from+3]` (as a slot holds them)
   * if its first field is `first` (a caller whose slot was taken over leaves the new owner's
   * alone), keeping every other id findable: the slots after it in its probe run move back
   * (backward-shift deletion, so no tombstones pile up in a table whose ids come and go).
   * Whether it removed one.
   */
  remove(keys: Int32Array, from: number, first: number): boolean {
    for (let w = 0; w < 4; w++) words[w] = keys[from + w] as number;
    const data = this.data;
    let hole = this.probe();
    if (data[hole + 4] === 0 || data[hole + 4] !== first) return false;
    const mask = this.mask;
    let i = hole / STRIDE;
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      const at = j * STRIDE;
      if (data[at + 4] === 0) break;
      const home =
        hashOf(data[at] as number, data[at + 1] as number, data[at + 2] as number, data[at + 3] as number) &
        mask;
      // The entry at j stays only if its home lies cyclically in (i, j]: moving it back to i would
      // put it before its home, where a probe starting at home never looks.
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (stays) continue;
      for (let k = 0; k < STRIDE; k++) data[hole + k] = data[at + k] as number;
      hole = at;
      i = j;
    }
    for (let k = 0; k < STRIDE; k++) data[hole + k] = 0;
    this.size--;
    return true;
  }

  /**
   * For each of `count` ids (`idAt(i)`), what find() answers, into `out[i]`. All are parsed first
   * and then all looked up: the lookups do not depend on each other, and in a loop of lookups alone
   * their cache misses (a table of 50,000 users is megabytes) are waited for together, where between
   * two parses they would be waited for one by one.
   */
  findMany(count: number, idAt: (i: number) => string | null | undefined, out: Int32Array): void {
    if (batch.length < count * 4) batch = new Int32Array(count * 4);
    const keys = batch;
    const mask = this.mask;
    for (let i = 0; i < count; i++) {
      const id = idAt(i);
      if (typeof id !== "string" || !parseGuid(id)) {
        out[i] = NOT_A_GUID;
        continue;
      }
      const w = i * 4;
      keys[w] = words[0] as number;
      keys[w + 1] = words[1] as number;
      keys[w + 2] = words[2] as number;
      keys[w + 3] = words[3] as number;
      out[i] =
        hashOf(keys[w] as number, keys[w + 1] as number, keys[w + 2] as number, keys[w + 3] as number) & mask;
    }
    const data = this.data;
    for (let i = 0; i < count; i++) {
      let slot = out[i] as number;
      if (slot < 0) continue;
      const w = i * 4;
      for (; ; slot = (slot + 1) & mask) {
        const at = slot * STRIDE;
        if (data[at + 4] === 0) {
          out[i] = NOT_FOUND;
          break;
        }
        if (
          data[at] === keys[w] &&
          data[at + 1] === keys[w + 1] &&
          data[at + 2] === keys[w + 2] &&
          data[at + 3] === keys[w + 3]
        ) {
          out[i] = at;
          break;
        }
      }
    }
  }

  /** Offset of the slot holding the parsed GUID, or of the empty slot where it would go. */
  private probe(): number {
    const data = this.data;
    const w0 = words[0] as number;
    const w1 = words[1] as number;
    const w2 = words[2] as number;
    const w3 = words[3] as number;
    for (let slot = hashOf(w0, w1, w2, w3) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * STRIDE;
      if (data[at + 4] === 0) return at;
      if (data[at] === w0 && data[at + 1] === w1 && data[at + 2] === w2 && data[at + 3] === w3) return at;
    }
  }
}

/** Integers per slot for the caller, at offsets 4 to 7 of a slot (offset 4 is the taken mark). */
export const FIELDS = 4;
const STRIDE = 4 + FIELDS;
export const NOT_FOUND = -1;
export const NOT_A_GUID = -2;

/** The words of the last parsed GUID: one shared buffer, so parsing allocates nothing. */
const words = new Int32Array(4);
/** findMany's parsed ids, four words each, kept for the next call. */
let batch = new Int32Array(4 * 1024);

/**
 * Hex digit values by character code (0-255), -1 for anything else: 256 bytes, which stay in the
 * first-level cache beside the page being read (a table of digit pairs did not, at 32 KB).
 */
const HEX = new Int8Array(256).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX["0123456789abcdef".charCodeAt(d)] = d;
  HEX["0123456789ABCDEF".charCodeAt(d)] = d;
}

/**
 * Set (non-zero) since parseGuid began once a character was no hex digit (its value -1) or lay
 * beyond the table (then `& 255` read the table at another character's place).
 */
let bad = 0;

/** Eight hex digits, four from text[i] and four from text[j], as 32 bits; flags `bad`. */
function hex8(text: string, i: number, j: number): number {
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  const c2 = text.charCodeAt(i + 2);
  const c3 = text.charCodeAt(i + 3);
  const c4 = text.charCodeAt(j);
  const c5 = text.charCodeAt(j + 1);
  const c6 = text.charCodeAt(j + 2);
  const c7 = text.charCodeAt(j + 3);
  const d0 = HEX[c0 & 255] as number;
  const d1 = HEX[c1 & 255] as number;
  const d2 = HEX[c2 & 255] as number;
  const d3 = HEX[c3 & 255] as number;
  const d4 = HEX[c4 & 255] as number;
  const d5 = HEX[c5 & 255] as number;
  const d6 = HEX[c6 & 255] as number;
  const d7 = HEX[c7 & 255] as number;
  bad |= ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) & ~255) | ((d0 | d1 | d2 | d3 | d4 | d5 | d6 | d7) & ~15);
  return (d0 << 28) | (d1 << 24) | (d2 << 20) | (d3 << 16) | (d4 << 12) | (d5 << 8) | (d6 << 4) | d7;
}

/** Fills `words` from "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (either case); false if it is not that. */
function parseGuid(text: string): boolean {
  if (
    text.length !== 36 ||
    text.charCodeAt(8) !== 45 ||
    text.charCodeAt(13) !== 45 ||
    text.charCodeAt(18) !== 45 ||
    text.charCodeAt(23) !== 45
  ) {
    return false;
  }
  bad = 0;
  words[0] = hex8(text, 0, 4);
  words[1] = hex8(text, 9, 14);
  words[2] = hex8(text, 19, 24);
  words[3] = hex8(text, 28, 32);
  return bad === 0;
}

function hashOf(w0: number, w1: number, w2: number, w3: number): number {
  // Ids need not be random (test tenants number them), so every word is mixed in.
  let h = Math.imul(w0, 0x9e3779b1) ^ Math.imul(w1, 0x85ebca77) ^ Math.imul(w2, 0xc2b2ae3d) ^ w3;
  h = Math.imul(h ^ (h >>> 15), 0x27d4eb2f);
  return (h ^ (h >>> 13)) >>> 0;
}
