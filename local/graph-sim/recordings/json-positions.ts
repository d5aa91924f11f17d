/** Line numbers inside JSON text, for error messages (JSON.parse only reports a character offset). */

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where JSON.parse stopped, from its message ("... at position 123" or "(line 4 column 7)"). */
export function syntaxErrorLine(text: string, error: unknown): { line: number; column: number } | undefined {
  const message = error instanceof Error ? error.message : "";
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const position = /position (\d+)/.exec(message);
  if (position) return lineAndColumn(text, Number(position[1]));
  return undefined;
}

/**
 * The line on which each object nested exactly `depth` containers deep starts, in document order:
 * depth 1 = the elements of a top-level array, 2 = the sign-ins of one Graph page
 * (`{"value": [ {...} ]}`), 3 = the sign-ins of an array of pages.
 */
export function objectStartLines(text: string, depth: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let open = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (c === 123 && open === depth) lines.push(line);
      open++;
    } else if (c === 125 || c === 93) open--;
  }
  return lines;
}
