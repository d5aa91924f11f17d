import { constants } from "node:fs";
import { lstat, mkdir, open } from "node:fs/promises";
import { userInfo } from "node:os";

/** A directory or file the local tools refuse to use: someone else could read or swap it. */
export class UnsafeLocalPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeLocalPathError";
  }
}

/** A name only this user's tools use: the uid where there is one, else the login name. */
export function userTag(): string {
  return typeof process.getuid === "function" ? String(process.getuid()) : userInfo().username;
}

/**
 * Creates `dir` (mode 0700) when missing and checks it is this user's private directory: a real
 * directory, not a symlink, owned by this user, with no access for group or others. In a shared
 * temp directory another user could otherwise pre-create it, or plant a symlink, and read or
 * redirect what the rehearsal records there.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await assertPrivateDir(dir);
}

export async function assertPrivateDir(dir: string): Promise<void> {
  const stats = await lstat(dir);
  if (stats.isSymbolicLink()) throw new UnsafeLocalPathError(`${dir} is a symlink; refusing to use it`);
  if (!stats.isDirectory()) throw new UnsafeLocalPathError(`${dir} is not a directory`);
  if (process.platform === "win32") return;
  if (typeof process.getuid === "function" && stats.uid !== process.getuid()) {
    throw new UnsafeLocalPathError(`${dir} belongs to another user (uid ${stats.uid}); refusing to use it`);
  }
  if ((stats.mode & 0o077) !== 0) {
    throw new UnsafeLocalPathError(
      `${dir} is open to other users (mode ${(stats.mode & 0o777).toString(8)}); make it 0700 or remove it`,
    );
  }
}

// O_NOFOLLOW: opening a symlink fails (ELOOP) instead of following it. Absent on Windows.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Writes a file (mode 0600) without following a symlink planted at its path. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const handle = await open(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW,
    0o600,
  );
  try {
    await handle.writeFile(text, "utf8");
  } finally {
    await handle.close();
  }
}

/** Reads a file without following a symlink; throws like readFile (ELOOP for a symlink). */
export async function readPrivateFile(file: string): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | NOFOLLOW);
  try {
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}
