import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  assertPrivateDir,
  ensurePrivateDir,
  readPrivateFile,
  userTag,
  writePrivateFile,
} from "./private-dir";

/**
 * `npm start -- --keep-running` leaves Azurite up on a free port; this small file tells
 * `npm run status --local` where. It holds only the emulator's well-known development account.
 */
export interface LocalAzurite {
  connectionString: string;
  tablePrefix: string;
  /** The rehearsal's rollout, so `npm run status` can suggest it. */
  rolloutId?: string;
}

/** In a per-user directory (0700, owned by the user) under the temp directory, never a shared one. */
export function localAzuriteFile(dir: string = tmpdir()): string {
  return path.join(dir, `ca-wave-rollout-${userTag()}`, "local-azurite.json");
}

export async function recordLocalAzurite(info: LocalAzurite, file = localAzuriteFile()): Promise<void> {
  await ensurePrivateDir(path.dirname(file));
  await writePrivateFile(file, `${JSON.stringify(info, null, 2)}\n`);
}

export async function forgetLocalAzurite(file = localAzuriteFile()): Promise<void> {
  await rm(file, { force: true });
}

/**
 * The recorded Azurite, or undefined when no rehearsal has left one (or the file is unreadable or
 * a symlink). Throws UnsafeLocalPathError when the directory is not this user's private one.
 */
export async function readLocalAzurite(file = localAzuriteFile()): Promise<LocalAzurite | undefined> {
  try {
    await assertPrivateDir(path.dirname(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let text: string;
  try {
    text = await readPrivateFile(file);
  } catch {
    return undefined;
  }
  try {
    const info = JSON.parse(text) as Partial<LocalAzurite>;
    if (typeof info.connectionString !== "string" || info.connectionString === "") return undefined;
    return {
      connectionString: info.connectionString,
      tablePrefix: typeof info.tablePrefix === "string" ? info.tablePrefix : "",
      ...(typeof info.rolloutId === "string" ? { rolloutId: info.rolloutId } : {}),
    };
  } catch {
    return undefined;
  }
}
