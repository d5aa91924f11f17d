/**
 * Counter-based randomness: every random choice is a pure hash of (seed, subject, day, n, purpose),
 * so any sign-in can be regenerated on its own, in any order, without materialising the log.
 */

/** FNV-1a over UTF-16 code units, finished with a murmur mix so short strings spread well. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines 32-bit integers into one well-mixed unsigned 32-bit hash. */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ fmix32(part | 0), 0x27d4eb2d) ^ (h >>> 15);
  }
  return fmix32(h);
}

/** A uniform float in [0, 1) derived from the parts. */
export function unit(...parts: number[]): number {
  return mix(...parts) / 0x1_0000_0000;
}

/** An integer in [0, n) derived from the parts. */
export function pick(n: number, ...parts: number[]): number {
  return Math.floor(unit(...parts) * n);
}

/** The seed as a 32-bit number, so `seed: "demo"` and `seed: 42` both work. */
export function seedHash(seed: number | string): number {
  return typeof seed === "number" ? mix(seed, 0x5eed) : hashString(seed);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Table-driven: sign-in ids are made a million at a time, and toString(16) dominated profiles. */
function hex8(n: number): string {
  return (
    HEX_BYTE[(n >>> 24) & 0xff]! +
    HEX_BYTE[(n >>> 16) & 0xff]! +
    HEX_BYTE[(n >>> 8) & 0xff]! +
    HEX_BYTE[n & 0xff]!
  );
}

/**
 * A version-4-shaped GUID from the parts. The first 8 hex digits are `mix(...parts)` unchanged,
 * so `guidPrefix` orders ids exactly as their lowercase strings sort (used to order sign-ins).
 */
export function guid(...parts: number[]): string {
  const a = mix(...parts);
  const b = mix(a, 1, ...parts);
  const c = mix(a, 2, ...parts);
  const d = mix(a, 3, ...parts);
  const bh = hex8(b);
  const ch = hex8(c);
  const variant = ((c >>> 28) & 0x3) | 0x8;
  return `${hex8(a)}-${bh.slice(0, 4)}-4${bh.slice(5, 8)}-${variant.toString(16)}${ch.slice(1, 4)}-${ch.slice(4, 8)}${hex8(d)}`;
}

/** The numeric value of a GUID's first 8 hex digits (what `guid` puts there). */
export function guidPrefix(id: string): number {
  return parseInt(id.slice(0, 8), 16) >>> 0;
}
