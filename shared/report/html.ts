/**
 * The few helpers the report needs to write HTML and SVG safely. Every piece of text that came
 * from a table (user names, reasons, rollout ids, actors) goes through `esc`; markup is only
 * ever built by `el`, whose attribute values are escaped too.
 */
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export type Attributes = Record<string, string | number | boolean | undefined>;

/** Attributes in a stable order; `undefined` and `false` are left out, `true` is a bare attribute. */
export function attrs(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${esc(value as string | number)}"`))
    .join("");
}

/** An element whose children are markup already (use `esc` for text). */
export function el(tag: string, attributes: Attributes = {}, ...children: string[]): string {
  return `<${tag}${attrs(attributes)}>${children.join("")}</${tag}>`;
}

/** Coordinates with one decimal: enough for a screen, short enough to keep the file small. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
