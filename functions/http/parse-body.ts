import type { z } from "zod";
import { issuesOf } from "#shared/api";
import { InvalidInputError } from "#shared/errors";

/** The body as `schema` reads it, or a 400 listing every problem with its JSON path. */
export function parseBody<T extends z.ZodType>(
  schema: T,
  body: unknown,
  code = "invalid_body",
  message = "the request body is invalid",
): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new InvalidInputError(code, message, { details: { errors: issuesOf(parsed.error) } });
  return parsed.data;
}
