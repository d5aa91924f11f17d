import { redactString } from "../auth/redact";

// ANSI/ECMA-48 escape sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), and
// the two-byte ESC forms. Matched whole so their parameters ("[31m") do not survive as text.
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;
// C0 controls, DEL and C1 controls (U+009B is a one-byte CSI on some terminals), and the bidi
// overrides and isolates that make a line read differently from what it holds.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text a person typed or a directory holds, made safe to show on a terminal or in a one-line
 * field: escape sequences removed, every other control character (newlines included, so a reason
 * cannot forge a second status line) turned into a space.
 */
export function stripControl(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(CONTROLS, " ");
}

/** A free-text field about to be stored: no credentials, no control characters, no edge blanks. */
export function cleanFreeText(text: string): string {
  return redactString(stripControl(text)).trim();
}

/** Every string in plain JSON data passed through stripControl (keys too); other values as they are. */
export function stripControlDeep<T>(value: T): T;
export function stripControlDeep(value: unknown): unknown {
  if (typeof value === "string") return stripControl(value);
  if (Array.isArray(value)) return value.map((item) => stripControlDeep(item));
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // defineProperty: a "__proto__" key stays data instead of re-parenting the copy.
    Object.defineProperty(copy, stripControl(key), {
      value: stripControlDeep(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** stripControl line by line: for text that is meant to span lines (a formatted table). */
export function stripControlLines(text: string): string {
  return text.split("\n").map(stripControl).join("\n");
}
