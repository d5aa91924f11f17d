import type { SignIn } from "@microsoft/microsoft-graph-types";
import { randomUUID } from "node:crypto";
import { startHarness, type Harness } from "./harness";

const at = "2026-11-20T10:00:00Z";
const signIn = (userId: string): SignIn => ({ id: randomUUID(), createdDateTime: at, userId });

describe("streamSignIns narrowing a large user set here", () => {
  let h: Harness;
  afterEach(() => h.server.stop());

  it("matches user ids whatever their case, and drops users not asked for", async () => {
    h = await startHarness();
    const users = h.tenant.addUsers(60);
    const [first, second] = users as [string, string];
    const stranger = randomUUID();
    h.tenant.signIns = [
      signIn(first),
      signIn(second.toUpperCase()),
      signIn(stranger),
      signIn(stranger.toUpperCase()),
    ];
    const seen: string[] = [];
    await h.gateway.streamSignIns({
      from: new Date("2026-11-20T00:00:00Z"),
      to: new Date("2026-11-21T00:00:00Z"),
      userIds: new Set(users.map((id) => id.toUpperCase())),
      onPage: (page) => void seen.push(...page.map((s) => s.userId ?? "")),
    });
    expect(seen).toEqual([first, second.toUpperCase()]);
  });
});
