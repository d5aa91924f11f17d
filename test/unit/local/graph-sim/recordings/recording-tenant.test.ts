import path from "node:path";
import type { SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../../../local/clock";
import { startGraphSimulator } from "../../../../../local/graph-sim";
import { readSignInRecording } from "../../../../../local/graph-sim/recordings/read-recording";
import {
  RECORDING_GROUPS,
  recordingTenant,
} from "../../../../../local/graph-sim/recordings/recording-tenant";

const FILE = path.join(
  __dirname,
  "..",
  "..",
  "..",
  "..",
  "..",
  "local",
  "recordings",
  "invoicing-rollout.jsonl",
);

async function readAll(url: string): Promise<SignIn[]> {
  const rows: SignIn[] = [];
  let next: string | undefined = url;
  while (next) {
    const response = await fetch(next, {
      headers: { Authorization: "Bearer t", Prefer: "include-unknown-enum-members" },
    });
    const page = (await response.json()) as { value: SignIn[]; "@odata.nextLink"?: string };
    rows.push(...page.value);
    next = page["@odata.nextLink"];
  }
  return rows;
}

describe("serving a recorded sign-in log as the tenant's", () => {
  const recording = readSignInRecording(FILE);

  it("pages through exactly the recorded rows, newest first, as Graph would", async () => {
    const clock = new ManualClock("2026-02-01T00:00:00Z");
    const sim = await startGraphSimulator({ signins: FILE, clock, throttling: { enabled: false } });
    try {
      const all = await readAll(`${sim.baseUrl}/auditLogs/signIns?$top=7`);
      expect(all).toEqual(recording.signIns);
      const user = recording.users[0]!;
      const mine = await readAll(`${sim.baseUrl}/auditLogs/signIns?$filter=userId eq '${user.id}'`);
      expect(mine).toEqual(recording.signIns.filter((s) => s.userId === user.id));
      const from = recording.signIns[20]!.createdDateTime!;
      const to = recording.signIns[10]!.createdDateTime!;
      const slice = await readAll(
        `${sim.baseUrl}/auditLogs/signIns?$filter=createdDateTime ge ${from} and createdDateTime le ${to}`,
      );
      expect(slice.map((s) => s.id)).toEqual(recording.signIns.slice(10, 21).map((s) => s.id));
    } finally {
      await sim.stop();
    }
  });

  it("shows nothing after the clock, and its users in the directory and in All staff", () => {
    const middle = recording.signIns[29]!.createdDateTime!;
    const clock = new ManualClock(middle);
    const tenant = recordingTenant(recording, { clock });
    const seen = [...tenant.signIns({ from: recording.from, to: recording.to })];
    expect(seen.map((s) => s.id)).toEqual(recording.signIns.slice(29).map((s) => s.id));
    expect(
      tenant
        .listUsers()
        .map((u) => u.id)
        .sort(),
    ).toEqual(recording.users.map((u) => u.id).sort());
    expect([...tenant.listMemberIds(RECORDING_GROUPS.allStaff)].sort()).toEqual(
      recording.users.map((u) => u.id).sort(),
    );
    expect(tenant.findUser("elif.ueda@contoso.com")?.id).toBe(
      recording.users.find((u) => u.userPrincipalName === "elif.ueda@contoso.com")!.id,
    );
  });
});
