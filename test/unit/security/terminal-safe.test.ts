import { cleanFreeText, stripControl, stripControlDeep } from "../../../shared/text/terminal-safe";

const ESC = "\u001b";

describe("text from other people, made inert for terminals and one-line fields", () => {
  it.each<[string, string, string]>([
    ["a colour (CSI)", `${ESC}[31mred${ESC}[0m`, "red"],
    ["clear screen and cursor moves", `${ESC}[2J${ESC}[1;1Hhi`, "hi"],
    ["a window title (OSC ended by BEL)", `${ESC}]0;pwned\u0007ok`, "ok"],
    ["a hyperlink (OSC ended by ST)", `${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`, "link"],
    ["a one-byte CSI (C1)", "\u009b31mx", " 31mx"],
    ["a newline forging a second line", "ok\nFAKE: approved", "ok FAKE: approved"],
    ["a carriage return overwriting the line", "bad\rgood", "bad good"],
    ["a bidi override", "abc\u202edcba", "abc dcba"],
    ["a lone escape", `a${ESC}`, "a"],
  ])("strips %s", (_label, raw, expected) => {
    expect(stripControl(raw)).toBe(expected);
  });

  it("leaves ordinary text, accents and other scripts alone", () => {
    expect(stripControl("Zoë Ødegård — 山田 (helpdesk)")).toBe("Zoë Ødegård — 山田 (helpdesk)");
  });

  it("redacts credentials and trims what it stores", () => {
    expect(cleanFreeText(`  ${ESC}[1mpaused: see ?code=abc123&x=1 Bearer eyJhbGciOi.eyJzdWIi.sig  `)).toBe(
      "paused: see ?code=[REDACTED]&x=1 Bearer [REDACTED]",
    );
  });

  it("cleans every string of plain data, keys included, and keeps __proto__ a plain key", () => {
    const cleaned = stripControlDeep(JSON.parse(`{"a\\u001b[1m":["x\\u001b[2J"],"__proto__":{"n":1}}`));
    expect(cleaned).toEqual(JSON.parse(`{"a":["x"],"__proto__":{"n":1}}`));
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
  });
});
