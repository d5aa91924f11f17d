import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** Where the browser came from, so a failing run says which one it drove. */
export interface ChromiumChoice {
  executablePath: string;
  source: "CHROMIUM_PATH" | "system" | "npm";
}

/** Names a Linux distribution or a Chrome install puts on PATH. */
const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/**
 * The browser for the report's tests: `CHROMIUM_PATH` if set; else a system Chromium on PATH;
 * else the headless shell packed inside the `@sparticuz/chromium` devDependency, so
 * `npm ci && npm test` needs no apt and no download. `CHROMIUM_FROM_NPM=1` skips the system one.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) return { executablePath: explicit, source: "CHROMIUM_PATH" };
  if (env.CHROMIUM_FROM_NPM !== "1") {
    const system = SYSTEM_NAMES.map(onPath).find((found) => found !== undefined);
    if (system) return { executablePath: system, source: "system" };
  }
  return { executablePath: await extractPackagedChromium(), source: "npm" };
}

function onPath(name: string): string | undefined {
  try {
    const found = execFileSync("sh", ["-c", 'command -v "$1"', "sh", name], { encoding: "utf8" }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The package inflates its brotli files into `os.tmpdir()` and reuses whatever it finds there,
 * so two users (or a run killed mid-write) would share or trust a broken `/tmp/chromium`. Each
 * user gets a folder per package version instead, and a marker written last says it is whole.
 * The package runs in a child process: only there does `TMPDIR` reach `os.tmpdir()` (jest gives
 * test code a copy of `process.env`, which Node's own modules never read).
 */
async function extractPackagedChromium(): Promise<string> {
  const version = await packagedVersion();
  const uid = process.getuid?.() ?? "user";
  const dir = path.join(os.tmpdir(), `ca-wave-chromium-${version}-${uid}`);
  const executable = path.join(dir, "chromium");
  const marker = path.join(dir, ".complete");
  if (existsSync(marker) && existsSync(executable)) return executable;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const script = `require(${JSON.stringify(require.resolve("@sparticuz/chromium"))}).executablePath().then((p) => process.stdout.write(p))`;
  const { stdout } = await execFileAsync(process.execPath, ["-e", script], {
    env: { ...process.env, TMPDIR: dir },
  });
  if (stdout !== executable) {
    throw new Error(`@sparticuz/chromium inflated its browser to ${stdout}, not to ${executable}`);
  }
  await writeFile(marker, executable);
  return executable;
}

/** The package exports no `package.json`; it sits two folders above the CommonJS entry. */
async function packagedVersion(): Promise<string> {
  const entry = require.resolve("@sparticuz/chromium");
  const manifest = path.resolve(path.dirname(entry), "../../package.json");
  return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
}
