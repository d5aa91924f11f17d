import { httpApi, type ApiResponse } from "../../../local/rehearsal/api-client";
import { LOCAL_ADMIN } from "../../../local/rehearsal/local-admin";
import { assertInvariants } from "../../../local/rehearsal/invariants";
import { azuriteConnectionString } from "../../integration/azurite-env";
import { compactPlan, startChaosStack, type ChaosStack } from "../chaos-fixture";

jest.setTimeout(180_000);

const ROLLOUT = "etag-pause";
const HOUR = 3_600_000;

async function advanceUntilStatus(stack: ChaosStack, status: string, hours = 96): Promise<void> {
  for (let i = 0; i < hours; i++) {
    if ((await stack.store.rollouts.get(ROLLOUT)).status === status) return;
    await stack.host.advanceBy(HOUR);
  }
  throw new Error(`rollout never reached ${status}: ${(await stack.store.rollouts.get(ROLLOUT)).status}`);
}

describe("two admins pause the same rollout at the same moment", () => {
  let stack: ChaosStack;
  beforeAll(async () => {
    stack = await startChaosStack("clean", { azuriteConnectionString: azuriteConnectionString() });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("both requests are answered, the rollout pauses once, one resume resumes it, nothing is lost", async () => {
    const baseUrl = await stack.host.serveHttp(0);
    const alice = httpApi(baseUrl, { ...LOCAL_ADMIN, name: "alice@contoso.test" });
    const bob = httpApi(baseUrl, { ...LOCAL_ADMIN, name: "bob@contoso.test" });
    expect((await alice("POST", "/api/rollouts", compactPlan(ROLLOUT))).status).toBe(202);
    await advanceUntilStatus(stack, "waitingForApproval");

    const answers: ApiResponse[] = await Promise.all([
      alice("POST", `/api/rollouts/${ROLLOUT}/pause`, { reason: "alice: change freeze" }),
      bob("POST", `/api/rollouts/${ROLLOUT}/pause`, { reason: "bob: helpdesk is busy" }),
    ]);
    for (const answer of answers) {
      expect([202, 409]).toContain(answer.status);
      if (answer.status === 409) expect(answer.json<{ message: string }>().message).toMatch(/pause/);
    }
    const accepted = answers.filter((a) => a.status === 202).length;
    expect(accepted).toBeGreaterThanOrEqual(1);
    await stack.host.advanceBy(HOUR);
    expect((await stack.store.rollouts.get(ROLLOUT)).status).toBe("paused");

    // Every accepted request is in the audit log with its admin; a refused one changed nothing.
    const requests = (await stack.store.audit.list(ROLLOUT, { limit: 10_000 })).filter(
      (a) => a.action === "request:pause",
    );
    expect(requests).toHaveLength(accepted);
    expect(new Set(requests.map((r) => r.actor)).size).toBe(accepted);

    // One resume is enough: the second pause must not linger and pause the wave again.
    expect((await alice("POST", `/api/rollouts/${ROLLOUT}/resume`, { reason: "freeze over" })).status).toBe(
      202,
    );
    await stack.host.advanceBy(HOUR);
    expect((await stack.store.rollouts.get(ROLLOUT)).status).toBe("waitingForApproval");
    await stack.host.advanceBy(6 * HOUR);
    expect((await stack.store.rollouts.get(ROLLOUT)).status).toBe("waitingForApproval");

    expect((await alice("POST", `/api/rollouts/${ROLLOUT}/approve`, { reason: "go" })).status).toBe(202);
    await advanceUntilStatus(stack, "completed", 24 * 14);
    await assertInvariants(stack, ROLLOUT, "after two concurrent pauses");
  });
});
