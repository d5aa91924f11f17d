import { chmod, lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { localAzuriteFile, readLocalAzurite, recordLocalAzurite } from "../../../local/status/local-azurite";

const INFO = { connectionString: "UseDevelopmentStorage=true", tablePrefix: "t1" };
const posix = process.platform !== "win32";

/** Finding 4: the record of the rehearsal's Azurite lived at a fixed, shared, symlink-following path. */
describe("the local Azurite record", () => {
  let shared: string;
  beforeEach(async () => {
    shared = await mkdtemp(path.join(tmpdir(), "shared-tmp-"));
  });
  afterEach(async () => {
    await rm(shared, { recursive: true, force: true });
  });

  it("lives in a directory of this user's own, not one every user shares", () => {
    const file = localAzuriteFile(shared);
    const tag = typeof process.getuid === "function" ? String(process.getuid()) : "";
    expect(path.basename(path.dirname(file))).toBe(`ca-wave-rollout-${tag}`.replace(/-$/, ""));
  });

  (posix ? it : it.skip)("creates that directory 0700 and the file 0600", async () => {
    const file = localAzuriteFile(shared);
    await recordLocalAzurite(INFO, file);
    expect((await lstat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await lstat(file)).mode & 0o777).toBe(0o600);
    expect(await readLocalAzurite(file)).toEqual(INFO);
  });

  it("does not follow a symlink planted at the file's path, on write or on read", async () => {
    const file = localAzuriteFile(shared);
    const victim = path.join(shared, "victim.txt");
    await writeFile(victim, "precious\n");
    await mkdir(path.dirname(file), { mode: 0o700 });
    await symlink(victim, file);
    await expect(recordLocalAzurite(INFO, file)).rejects.toThrow(/ELOOP|symbolic link/i);
    expect(await readFile(victim, "utf8")).toBe("precious\n");
    await writeFile(victim, JSON.stringify({ connectionString: "AccountName=attacker", tablePrefix: "" }));
    expect(await readLocalAzurite(file)).toBeUndefined();
  });

  it("refuses a directory that is a symlink to somewhere else", async () => {
    const file = localAzuriteFile(shared);
    const elsewhere = await mkdtemp(path.join(shared, "elsewhere-"));
    await symlink(elsewhere, path.dirname(file));
    await expect(recordLocalAzurite(INFO, file)).rejects.toThrow(/symlink/);
    await expect(readLocalAzurite(file)).rejects.toThrow(/symlink/);
  });

  (posix ? it : it.skip)("refuses a directory other users can open", async () => {
    const file = localAzuriteFile(shared);
    await mkdir(path.dirname(file));
    await chmod(path.dirname(file), 0o777);
    await expect(recordLocalAzurite(INFO, file)).rejects.toThrow(/open to other users/);
    await expect(readLocalAzurite(file)).rejects.toThrow(/open to other users/);
  });
});
