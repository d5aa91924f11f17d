import * as df from "durable-functions";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type CollectSignInsInput, type CollectSignInsResult } from "../activity-contracts";
import { addSignIn, createCounters } from "../../shared/domain";
import { addToWindow, windowKey } from "./counter-windows";
import { loadRollout } from "./rollout-facts";

/**
 * Reads one stretch of the sign-in log, once, and folds it into per-user counters: the wave's
 * users, and the control cohort (population users not enforced and not in this wave) whose
 * failure rate tells a broken wave from a broken MFA provider.
 */
export async function collectSignIns(input: CollectSignInsInput): Promise<CollectSignInsResult> {
  const { store, graph } = await dependencies();
  const { record } = await loadRollout(store, input.rolloutId);
  const policyId =
    input.purpose === "observe" ? (record.reportOnlyPolicyId ?? null) : (record.enforcedPolicyId ?? null);
  const cohortOf = new Map<string, "wave" | "control">();
  for await (const page of store.users.iteratePages(input.rolloutId)) {
    for (const user of page) {
      if (user.waveIndex === input.waveIndex) cohortOf.set(user.userId, "wave");
      else if (user.stage !== "enforced" && user.stage !== "excluded") cohortOf.set(user.userId, "control");
    }
  }
  const wave = createCounters(policyId);
  const control = createCounters(policyId);
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (from.getTime() >= to.getTime() || cohortOf.size === 0) return { pages: 0, signIns: 0 };
  const result = await graph.streamSignIns({
    from,
    to,
    userIds: new Set(cohortOf.keys()),
    onPage: (signIns) => {
      for (const signIn of signIns) {
        const cohort = signIn.userId ? cohortOf.get(signIn.userId) : undefined;
        if (cohort === "wave") addSignIn(wave, signIn);
        else if (cohort === "control") addSignIn(control, signIn);
      }
    },
  });
  await addToWindow(
    store,
    input.rolloutId,
    windowKey(input.waveIndex, input.purpose, "wave", input.segment),
    wave,
  );
  await addToWindow(
    store,
    input.rolloutId,
    windowKey(input.waveIndex, input.purpose, "control", input.segment),
    control,
  );
  return result;
}

df.app.activity(Activities.collectSignIns, {
  handler: (input: CollectSignInsInput) => collectSignIns(input),
});
