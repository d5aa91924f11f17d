import type { HttpRequest } from "@azure/functions";
import { InvalidInputError, TooLargeError } from "#shared/errors";

/** Request bodies are small (plans, reasons); anything larger is a mistake or an attack. */
const MAX_BODY_BYTES = 256 * 1024;

async function readText(request: HttpRequest): Promise<string> {
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) {
    throw new TooLargeError("body_too_large", `the request body is over ${MAX_BODY_BYTES} bytes`);
  }
  return text;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(
      "invalid_json",
      `the request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  const text = await readText(request);
  if (text.trim() === "") throw new InvalidInputError("invalid_json", "the request body is empty; send JSON");
  return parse(text);
}

/** Control actions take an optional body ({reason}); an empty body is an empty object. */
export async function readOptionalJsonBody(request: HttpRequest): Promise<Record<string, unknown>> {
  const text = await readText(request);
  if (text.trim() === "") return {};
  const body = parse(text);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidInputError("invalid_body", "the request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}
