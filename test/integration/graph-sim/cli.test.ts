import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { SignIn } from "@microsoft/microsoft-graph-types";

const ROOT = path.join(__dirname, "..", "..", "..");

interface Started {
  child: ChildProcess;
  /** The first line on stdout (the service root is in it), or the whole of stderr when it exits first. */
  stdout: string;
  stderr: string;
  code: number | null;
}

/** `npm run graph-sim -- ...args`, as a user would start it (without npm's own output). */
function graphSim(args: string[]): Promise<Started> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "local/graph-sim/cli.ts", "--port", "0", ...args],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  return new Promise((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) resolve({ child, stdout, stderr, code: null });
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ child, stdout, stderr, code }));
  });
}

async function stop(started: Started): Promise<void> {
  if (started.code !== null) return;
  const exited = new Promise((resolve) => started.child.once("exit", resolve));
  started.child.kill("SIGTERM");
  await exited;
}

function serviceRoot(stdout: string): string {
  const match = /listening: (http:\/\/127\.0\.0\.1:\d+\/v1\.0)/.exec(stdout);
  if (!match) throw new Error(`no service root in: ${stdout}`);
  return match[1]!;
}

async function signIns(root: string, query = ""): Promise<SignIn[]> {
  const response = await fetch(`${root}/auditLogs/signIns${query}`, {
    headers: { Authorization: "Bearer t" },
  });
  return ((await response.json()) as { value: SignIn[] }).value;
}

describe("npm run graph-sim", () => {
  jest.setTimeout(90_000);

  it("--at starts the simulator's clock at that instant", async () => {
    const started = await graphSim(["--at", "2026-01-12T09:30:00Z", "--no-throttling"]);
    try {
      expect(started.stdout).toMatch(/clock started at 2026-01-12T09:30:00.000Z/);
      const rows = await signIns(serviceRoot(started.stdout));
      expect(rows.length).toBeGreaterThan(100);
      // Newest first: Monday morning's rows, nothing from the machine's own date.
      expect(rows[0]!.createdDateTime! < "2026-01-12T09:31:00Z").toBe(true);
      expect(rows[0]!.createdDateTime! > "2026-01-12T07:00:00Z").toBe(true);
    } finally {
      await stop(started);
    }
  });

  it("--at refuses an instant without a zone", async () => {
    const started = await graphSim(["--at", "2026-01-12 09:30"]);
    expect(started.code).not.toBe(0);
    expect(started.stderr).toMatch(/--at must be an ISO instant with a zone/);
  });

  it("--signins serves a recording as the tenant's sign-in log", async () => {
    const started = await graphSim([
      "--signins",
      "local/recordings/invoicing-rollout.jsonl",
      "--no-throttling",
    ]);
    try {
      expect(started.stdout).toMatch(/recording .*invoicing-rollout\.jsonl: 58 sign-ins of 5 users/);
      const root = serviceRoot(started.stdout);
      expect(await signIns(root, "?$top=100")).toHaveLength(58);
      const users = (await (
        await fetch(`${root}/users`, { headers: { Authorization: "Bearer t" } })
      ).json()) as {
        value: unknown[];
      };
      expect(users.value).toHaveLength(5);
    } finally {
      await stop(started);
    }
  });

  it("--signins refuses a malformed recording with its line and field, and no stack trace", async () => {
    const started = await graphSim(["--signins", "test/fixtures/signins/bad-error-code.jsonl"]);
    expect(started.code).toBe(1);
    expect(started.stderr.trim()).toMatch(
      /^graph-sim: test\/fixtures\/signins\/bad-error-code\.jsonl:3: status\.errorCode: /,
    );
    expect(started.stderr).not.toMatch(/\n\s+at /);
  });
});
