import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** How to run the Bicep CLI: a command and the arguments that come before the verb. */
export interface BicepCli {
  /** Where it came from, for the log line. */
  source: "PATH" | "az" | "NuGet";
  command: string;
  prefix: string[];
  /** `az bicep` has no publish-extension; it restores registry extensions itself. */
  canPublishExtensions: boolean;
}

const CSPROJ = join(__dirname, "bicep-cli.csproj");
const PACKAGE_ID = "Azure.Bicep.CommandLine.linux-x64";

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The exact version bicep-cli.csproj pins (the one place it is written). */
export function pinnedBicepVersion(): string {
  const m = /Include="Azure\.Bicep\.CommandLine\.linux-x64"\s+Version="\[([^\]]+)\]"/.exec(
    readFileSync(CSPROJ, "utf8"),
  );
  if (!m) throw new Error(`${CSPROJ}: no exact PackageDownload version for ${PACKAGE_ID}`);
  return m[1] as string;
}

function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ca-wave-rollout", "bicep-cli");
}

/**
 * The pinned CLI from NuGet, restored once into a cache outside the repository (npm ci would wipe
 * one under node_modules). NuGet lower-cases package folder names.
 */
function restoreFromNuGet(): BicepCli {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `no bicep or az on PATH, and the NuGet fallback (${PACKAGE_ID}) only runs on linux-x64: install the Bicep CLI`,
    );
  }
  const version = pinnedBicepVersion();
  const packages = cacheRoot();
  const binary = join(packages, PACKAGE_ID.toLowerCase(), version, "tools", "bicep");
  if (!existsSync(binary)) {
    if (!onPath("dotnet")) {
      throw new Error("no bicep or az on PATH and no dotnet to restore the Bicep CLI from NuGet");
    }
    // Restore from a temp copy so obj/ never lands in the repository.
    const work = mkdtempSync(join(tmpdir(), "bicep-restore-"));
    try {
      copyFileSync(CSPROJ, join(work, "bicep-cli.csproj"));
      const restore = spawnSync(
        "dotnet",
        ["restore", join(work, "bicep-cli.csproj"), "--packages", packages],
        {
          encoding: "utf8",
          env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
        },
      );
      if (restore.status !== 0 || !existsSync(binary)) {
        throw new Error(
          `dotnet restore of ${PACKAGE_ID} ${version} failed:\n${restore.stdout}${restore.stderr}`,
        );
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  // NuGet extracts without the execute bit.
  chmodSync(binary, 0o755);
  return { source: "NuGet", command: binary, prefix: [], canPublishExtensions: true };
}

/** The bicep on PATH, else `az bicep`, else the pinned CLI from NuGet. */
export function findBicepCli(): BicepCli {
  const bicep = onPath("bicep");
  if (bicep) return { source: "PATH", command: bicep, prefix: [], canPublishExtensions: true };
  const az = onPath("az");
  if (az) return { source: "az", command: az, prefix: ["bicep"], canPublishExtensions: false };
  return restoreFromNuGet();
}
