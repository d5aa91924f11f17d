import type { SignIn } from "@microsoft/microsoft-graph-types";
import { createCounters } from "../../../../shared/domain";
import { createUsersFold } from "../../../../shared/ingest";
import { SIGN_IN_FIELDS } from "../../../../shared/graph/sign-ins";
import { at, collect, startRollout } from "../../local/graph-sim/tenant/rollout-fixture";

/** What Graph sends for `$select=SIGN_IN_FIELDS`: those properties and no others. */
function selected(signIn: SignIn): SignIn {
  const picked: Record<string, unknown> = {};
  for (const field of SIGN_IN_FIELDS) if (field in signIn) picked[field] = signIn[field];
  return picked as SignIn;
}

describe("the sign-in properties the gateway asks for", () => {
  it("are all that counting reads: a selected log counts exactly like the whole one", () => {
    // Half of the tenant enforced, so the log holds MFA failures, report-only results, legacy
    // clients and the invoicing app's broken phones, not only clean successes.
    const rollout = startRollout("invoicing-app", 3, 1);
    const users = rollout.tenant.listUsers().map((u) => u.id as string);
    rollout.tenant.addMembers(
      rollout.enforcedGroupId,
      users.filter((_, i) => i % 2 === 0),
    );
    rollout.clock.advanceTo(at(8));
    const log = collect(rollout.tenant, at(1), at(8));
    const failures = log.filter((s) => (s.status?.errorCode ?? 0) !== 0).length;
    expect(failures).toBeGreaterThan(0);

    const count = (rows: SignIn[]) => {
      const counters = createCounters(rollout.reportOnly.id as string);
      const fold = createUsersFold(counters, users, { from: at(1).getTime(), until: at(8).getTime() });
      fold.addPage(rows);
      fold.finish();
      return counters;
    };
    const whole = count(log);
    const narrow = count(log.map(selected));
    expect(Object.keys(whole.users).length).toBeGreaterThan(10);
    expect(narrow).toEqual(whole);
  });
});
