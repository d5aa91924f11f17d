/**
 * A recorded sign-in log that cannot be used, with where: the file, the line (1-based) when it is
 * known, and the field path inside the sign-in (e.g. `status.errorCode`). Its message is meant for
 * the person who gave the file, so it carries no stack trace and no file contents.
 */
export class RecordingError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${field ? `${field}: ` : ""}${detail}`);
    this.name = "RecordingError";
  }
}
