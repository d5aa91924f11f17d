import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

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

export function localAzuriteFile(dir: string = tmpdir()): string {
  return path.join(dir, "ca-wave-rollout", "local-azurite.json");
}

export async function recordLocalAzurite(info: LocalAzurite, file = localAzuriteFile()): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`, "utf8");
}

export async function forgetLocalAzurite(file = localAzuriteFile()): Promise<void> {
  await rm(file, { force: true });
}

/** The recorded Azurite, or undefined when no rehearsal has left one (or the file is unreadable). */
export async function readLocalAzurite(file = localAzuriteFile()): Promise<LocalAzurite | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
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
