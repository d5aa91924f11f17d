import { readFileSync } from "node:fs";
import path from "node:path";
import {
  parseSignInRecording,
  readSignInRecording,
  RecordingError,
} from "../../../../../local/graph-sim/recordings/read-recording";

const ROOT = path.join(__dirname, "..", "..", "..", "..", "..");
const RECORDINGS = path.join(ROOT, "local", "recordings");
const BAD = path.join(ROOT, "test", "fixtures", "signins");

function failure(run: () => unknown): RecordingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RecordingError);
    return error as RecordingError;
  }
  throw new Error("expected a RecordingError");
}

describe("readSignInRecording: the formats a sign-in log is saved in", () => {
  const pages = readSignInRecording(path.join(RECORDINGS, "invoicing-rollout.graph-pages.json"));
  const array = readSignInRecording(path.join(RECORDINGS, "invoicing-rollout.admin-center.json"));
  const lines = readSignInRecording(path.join(RECORDINGS, "invoicing-rollout.jsonl"));

  it("reads Graph pages, a downloaded JSON array and JSON lines to the same sign-ins", () => {
    expect([pages.format, array.format, lines.format]).toEqual(["graph-pages", "json-array", "json-lines"]);
    expect(pages.signIns.length).toBe(58);
    expect(array.signIns).toEqual(pages.signIns);
    expect(lines.signIns).toEqual(pages.signIns);
  });

  it("orders newest first, names the users and the time span", () => {
    const times = pages.signIns.map((s) => s.createdDateTime!);
    expect([...times].sort().reverse()).toEqual(times);
    expect(pages.users.map((u) => u.userPrincipalName).sort()).toEqual([
      "elif.ueda@contoso.com",
      "femi.castillo@contoso.com",
      "imani.yilmaz@contoso.com",
      "rosa.lindqvist@contoso.com",
      "xavier.dubois@contoso.com",
    ]);
    expect(pages.from.getTime()).toBe(Date.parse(times.at(-1)!));
    expect(pages.to.getTime()).toBe(Date.parse(times[0]!));
    expect(pages.from.toISOString() >= "2026-01-07").toBe(true);
  });

  it("keeps interrupt-then-success attempts and the documented fields as recorded", () => {
    const prompts = pages.signIns.filter((s) => s.status?.errorCode === 50074);
    expect(prompts.length).toBeGreaterThan(0);
    expect(
      prompts.some((p) =>
        pages.signIns.some((s) => s.correlationId === p.correlationId && s.status?.errorCode === 0),
      ),
    ).toBe(true);
    expect(pages.signIns.some((s) => s.clientAppUsed === "IMAP4")).toBe(true);
  });

  it("accepts one Graph page per line, a byte-order mark, zone offsets and fewer fractional digits", () => {
    const [a, b, c] = pages.signIns;
    const text = [
      JSON.stringify({ value: [a] }),
      JSON.stringify({ ...b, createdDateTime: "2026-01-07T10:00:00+01:00" }),
      JSON.stringify({ ...c, createdDateTime: "2026-01-07T09:00:00.5Z" }),
    ].join("\n");
    const read = parseSignInRecording(`\uFEFF${text}`, "mixed.jsonl");
    expect(read.format).toBe("json-lines");
    expect(read.signIns.map((s) => s.id)).toEqual([a!.id, c!.id, b!.id]);
  });

  it("keeps the first copy of a sign-in that overlapping pages repeat", () => {
    const [a, b] = pages.signIns;
    const read = parseSignInRecording(JSON.stringify([{ value: [a, b] }, { value: [b] }]), "pages.json");
    expect(read.signIns).toHaveLength(2);
    expect(read.duplicates).toBe(1);
  });
});

describe("readSignInRecording: a malformed file is refused with its line and field, never a stack trace", () => {
  it.each([
    ["bad-error-code.jsonl", /bad-error-code\.jsonl:3: status\.errorCode: /],
    ["missing-created.json", /missing-created\.json:\d+: value\[1\]\.createdDateTime: is missing/],
    ["missing-comma.json", /missing-comma\.json:58: not valid JSON/],
    ["not-a-log.json", /not-a-log\.json:1: expected a Graph page/],
  ])("%s", (name, message) => {
    const error = failure(() => readSignInRecording(path.join(BAD, name)));
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it("names the line of a sign-in inside a JSON array", () => {
    const missing = path.join(BAD, "missing-created.json");
    const error = failure(() => readSignInRecording(missing));
    // The second sign-in of the page starts on the line after the first one ends.
    const text = readFileSync(missing, "utf8");
    const second = text.split("\n").findIndex((l, i) => i > 3 && l === "    {") + 1;
    expect(error.line).toBe(second);
    expect(error.field).toBe("value[1].createdDateTime");
  });

  it.each([
    ["", /empty/],
    ["[]", /holds no sign-ins/],
    ['[{"id": "x"}, 5]', /\[0\]\.createdDateTime: is missing/],
    ["[5]", /\[0\]: a sign-in must be a JSON object/],
    [
      '{"value": [{"id": "a", "createdDateTime": "yesterday", "userId": "u", "status": {"errorCode": 0}}]}',
      /value\[0\]\.createdDateTime: must be an ISO 8601 instant/,
    ],
    [
      '{"id": "a", "createdDateTime": "2026-01-07T09:00:00Z", "userId": "u", "status": {"errorCode": 0}}\n{"id": "b"',
      /:2: not valid JSON/,
    ],
    [
      '{"id": "a", "createdDateTime": "2026-01-07T09:00:00Z", "userId": "u", "status": {"errorCode": 1.5}}\n',
      /status\.errorCode: must be an integer/,
    ],
  ])("%j", (content, message) => {
    expect(failure(() => parseSignInRecording(content, "x.json")).message).toMatch(message);
  });

  it("a missing file is a RecordingError too", () => {
    expect(failure(() => readSignInRecording(path.join(BAD, "nope.json"))).message).toMatch(
      /nope\.json: no such file/,
    );
  });
});
