import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRepoFile, REPO_ROOT } from "../../repo-files";

/**
 * Runs infra/scripts/grant-graph-permissions.sh against a fake `az` first on PATH (no network):
 * the fake serves the Microsoft Graph service principal and the identity's existing grants, and
 * records every POST.
 */
const FAKE_AZ = `#!/usr/bin/env bash
set -euo pipefail
method=""; url=""; body=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --method) method="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --body) body="$2"; shift 2 ;;
    *) shift ;;
  esac
done
case "$method $url" in
  "GET "*"/servicePrincipals(appId="*) cat "$FAKE_GRAPH_SP" ;;
  "GET "*"/appRoleAssignments"*) cat "$FAKE_EXISTING" ;;
  "POST "*"/appRoleAssignments") echo "$body" >> "$FAKE_POSTS"; echo '{}' ;;
  *) echo "unexpected az call: $method $url" >&2; exit 9 ;;
esac
`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  posts: Array<{ principalId: string; resourceId: string; appRoleId: string }>;
}

function runScript(permissions: string[], alreadyGranted: string[]): Run {
  const dir = mkdtempSync(join(tmpdir(), "grant-graph-"));
  try {
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "infra", "scripts"), { recursive: true });
    copyFileSync(
      join(REPO_ROOT, "infra/scripts/grant-graph-permissions.sh"),
      join(dir, "infra/scripts/grant-graph-permissions.sh"),
    );
    const list = JSON.parse(readRepoFile("infra/graph-permissions.json")) as { resourceAppId: string };
    writeFileSync(
      join(dir, "infra/graph-permissions.json"),
      JSON.stringify({ ...list, appRoles: permissions.map((value) => ({ value, purpose: "test" })) }),
    );
    writeFileSync(join(dir, "bin/az"), FAKE_AZ, { mode: 0o755 });
    // Graph offers the real permissions as application roles, plus a delegated-only look-alike.
    const offered = [
      ...new Set([
        ...JSON.parse(readRepoFile("infra/graph-permissions.json")).appRoles.map(
          (r: { value: string }) => r.value,
        ),
      ]),
    ];
    writeFileSync(
      join(dir, "graph-sp.json"),
      JSON.stringify({
        id: "graph-sp",
        appRoles: [
          ...offered.map((value) => ({ id: `role-${value}`, value, allowedMemberTypes: ["Application"] })),
          { id: "role-delegated", value: "Delegated.Only", allowedMemberTypes: ["User"] },
        ],
      }),
    );
    writeFileSync(
      join(dir, "existing.json"),
      JSON.stringify({
        value: alreadyGranted.map((v) => ({ appRoleId: `role-${v}`, resourceId: "graph-sp" })),
      }),
    );
    writeFileSync(join(dir, "posts.log"), "");
    const result = spawnSync(
      "bash",
      [join(dir, "infra/scripts/grant-graph-permissions.sh"), "mi-principal"],
      {
        encoding: "utf8",
        env: {
          PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}`,
          FAKE_GRAPH_SP: join(dir, "graph-sp.json"),
          FAKE_EXISTING: join(dir, "existing.json"),
          FAKE_POSTS: join(dir, "posts.log"),
        },
      },
    );
    const posts = readFileSync(join(dir, "posts.log"), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Run["posts"][number]);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, posts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("infra/scripts/grant-graph-permissions.sh", () => {
  it("finds jq, which the script needs", () => {
    expect(spawnSync("jq", ["--version"]).status).toBe(0);
  });

  it("grants each missing permission once and skips those already granted", () => {
    const run = runScript(["Policy.Read.All", "AuditLog.Read.All", "User.Read.All"], ["AuditLog.Read.All"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.posts).toEqual([
      { principalId: "mi-principal", resourceId: "graph-sp", appRoleId: "role-Policy.Read.All" },
      { principalId: "mi-principal", resourceId: "graph-sp", appRoleId: "role-User.Read.All" },
    ]);
    expect(run.stdout).toContain("already granted: AuditLog.Read.All");
  });

  it("fails on a permission Graph does not offer to applications, naming it", () => {
    const run = runScript(["Delegated.Only"], []);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("no application permission named Delegated.Only");
    expect(run.posts).toEqual([]);
  });
});
