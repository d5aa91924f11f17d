import { readFileSync } from "node:fs";
import type { SignIn } from "@microsoft/microsoft-graph-types";
import { z } from "zod";
import { objectStartLines, syntaxErrorLine } from "./json-positions";
import { RecordingError } from "./recording-error";

export { RecordingError } from "./recording-error";

/**
 * Reads a recorded sign-in log: what `GET /auditLogs/signIns` returned (one Graph page
 * `{"value": [...]}`, or an array of such pages), a JSON array of sign-ins as the Entra admin
 * center's "Download" → JSON gives it, or JSON lines (one sign-in, or one page, per line). Each
 * sign-in is checked for the fields the gates read (see `RecordedSignIn`); anything else in it is
 * kept as recorded. Errors are `RecordingError`s naming the line and the field.
 */

export type RecordingFormat = "graph-pages" | "json-array" | "json-lines";

export interface RecordedUser {
  id: string;
  userPrincipalName?: string;
  displayName?: string;
}

export interface SignInRecording {
  /** Newest first by (createdDateTime, id), as Graph serves them; one per sign-in id. */
  signIns: SignIn[];
  /** Everyone with a sign-in, in order of first appearance in the file. */
  users: RecordedUser[];
  /** The oldest and the newest createdDateTime (to the millisecond). */
  from: Date;
  to: Date;
  format: RecordingFormat;
  /** Rows whose id had already appeared (overlapping pages): the first copy is kept. */
  duplicates: number;
}

/** `2026-01-12T08:15:41.6195833Z`: Graph's form, with any number of fractional digits and a zone. */
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?(Z|[+-]\d\d:\d\d)$/;

const text = z.string().nullish();

/** The fields the gates read; the rest of a sign-in passes through untouched. */
export const RecordedSignIn = z.looseObject({
  id: z.string().min(1, "must be a non-empty string"),
  createdDateTime: z
    .string()
    .refine(
      (v) => INSTANT.test(v) && !Number.isNaN(Date.parse(v)),
      "must be an ISO 8601 instant with a zone, e.g. 2026-01-12T08:15:41.6195833Z",
    ),
  userId: z.string().min(1, "must be a non-empty string"),
  userPrincipalName: text,
  userDisplayName: text,
  appId: text,
  appDisplayName: text,
  clientAppUsed: text,
  correlationId: text,
  isInteractive: z.boolean().nullish(),
  conditionalAccessStatus: z.enum(["success", "failure", "notApplied", "unknownFutureValue"]).nullish(),
  status: z.looseObject({
    errorCode: z.number().int("must be an integer"),
    failureReason: text,
    additionalDetails: text,
  }),
  appliedConditionalAccessPolicies: z
    .array(z.looseObject({ id: text, displayName: text, result: text }))
    .nullish(),
});

const HELP =
  'expected a Graph page ({"value": [...]}), several pages, a JSON array of sign-ins, or JSON lines';

export function readSignInRecording(path: string): SignInRecording {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecordingError(
      path,
      code === "ENOENT" ? "no such file" : `cannot read the file (${code ?? "error"})`,
    );
  }
  return parseSignInRecording(content, path);
}

interface Located {
  row: unknown;
  line: number | undefined;
  /** Where the row sits in the document, e.g. `value[3]` or `[1].value[0]`. */
  at: string;
}

export function parseSignInRecording(content: string, file = "<recording>"): SignInRecording {
  const body = content.replace(/^\uFEFF/, "");
  if (!body.trim()) throw new RecordingError(file, `the file is empty; ${HELP}`);
  const { rows, format } = locate(body, file);
  if (rows.length === 0) throw new RecordingError(file, "the recording holds no sign-ins");
  return collect(rows, format, file);
}

function locate(body: string, file: string): { rows: Located[]; format: RecordingFormat } {
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch (error) {
    const lines = body.split("\n");
    const first = lines.findIndex((l) => l.trim() !== "");
    if (lines.slice(first + 1).some((l) => l.trim() !== "") && parses(lines[first]!)) {
      return { rows: jsonLines(lines, file), format: "json-lines" };
    }
    const where = syntaxErrorLine(body, error);
    throw new RecordingError(file, `not valid JSON (${jsonMessage(error)})`, where?.line);
  }
  if (isPage(whole)) return { rows: pageRows([whole], body, 2, file), format: "graph-pages" };
  if (Array.isArray(whole)) {
    if (whole.length > 0 && whole.every(isPage))
      return { rows: pageRows(whole, body, 3, file), format: "graph-pages" };
    const lines = objectStartLines(body, 1);
    return {
      rows: whole.map((row, i) => ({ row, line: lines[i], at: `[${i}]` })),
      format: "json-array",
    };
  }
  if (typeof whole === "object" && whole !== null && ("id" in whole || "createdDateTime" in whole)) {
    return { rows: [{ row: whole, line: 1, at: "" }], format: "json-lines" };
  }
  throw new RecordingError(file, HELP, 1);
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function jsonMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\(line \d+ column \d+\)/, "");
}

function isPage(value: unknown): value is { value: unknown[] } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { value?: unknown }).value)
  );
}

function pageRows(pages: { value: unknown[] }[], body: string, depth: number, file: string): Located[] {
  const lines = objectStartLines(body, depth);
  const rows: Located[] = [];
  pages.forEach((page, p) => {
    const prefix = pages.length > 1 || depth === 3 ? `[${p}].value` : "value";
    page.value.forEach((row, i) => rows.push({ row, line: lines[rows.length], at: `${prefix}[${i}]` }));
  });
  if (rows.length === 0 && pages.length === 0) throw new RecordingError(file, HELP);
  return rows;
}

function jsonLines(lines: string[], file: string): Located[] {
  const rows: Located[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new RecordingError(file, `not valid JSON (${jsonMessage(error)})`, line);
    }
    if (isPage(parsed)) parsed.value.forEach((row, k) => rows.push({ row, line, at: `value[${k}]` }));
    else rows.push({ row: parsed, line, at: "" });
  });
  return rows;
}

function collect(rows: Located[], format: RecordingFormat, file: string): SignInRecording {
  const byId = new Map<string, SignIn>();
  const users = new Map<string, RecordedUser>();
  let duplicates = 0;
  for (const { row, line, at } of rows) {
    const parsed = RecordedSignIn.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map(String).join(".");
      const field = [at, path].filter(Boolean).join(at && path ? "." : "") || undefined;
      const detail =
        typeof row !== "object" || row === null || Array.isArray(row)
          ? "a sign-in must be a JSON object"
          : issue.code === "invalid_type" && /received undefined$/.test(issue.message)
            ? "is missing"
            : issue.message;
      throw new RecordingError(file, detail, line, field);
    }
    const signIn = parsed.data as SignIn;
    const id = parsed.data.id.toLowerCase();
    if (byId.has(id)) {
      duplicates++;
      continue;
    }
    byId.set(id, signIn);
    const user = users.get(parsed.data.userId) ?? { id: parsed.data.userId };
    user.userPrincipalName ??= parsed.data.userPrincipalName ?? undefined;
    user.displayName ??= parsed.data.userDisplayName ?? undefined;
    users.set(parsed.data.userId, user);
  }
  const signIns = [...byId.values()].sort(newestFirst);
  return {
    signIns,
    users: [...users.values()],
    from: new Date(Date.parse(signIns.at(-1)!.createdDateTime!)),
    to: new Date(Date.parse(signIns[0]!.createdDateTime!)),
    format,
    duplicates,
  };
}

/** A createdDateTime as (epoch ms, the 100 ns ticks below the millisecond): Date keeps only the first. */
export function instantKey(createdDateTime: string): { ms: number; sub: number } {
  const fraction = /\.(\d+)/.exec(createdDateTime)?.[1] ?? "";
  return {
    ms: Date.parse(createdDateTime),
    sub: Number(fraction.padEnd(7, "0").slice(3, 7)),
  };
}

/** Graph's order: createdDateTime descending, then id descending. */
export function newestFirst(a: SignIn, b: SignIn): number {
  const ka = instantKey(a.createdDateTime!);
  const kb = instantKey(b.createdDateTime!);
  if (ka.ms !== kb.ms) return kb.ms - ka.ms;
  if (ka.sub !== kb.sub) return kb.sub - ka.sub;
  const ia = a.id!.toLowerCase();
  const ib = b.id!.toLowerCase();
  return ia < ib ? 1 : ia > ib ? -1 : 0;
}
