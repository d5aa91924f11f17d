/**
 * Importing this module registers every activity with durable-functions. Each activity is one
 * use case of shared/app, called with the process's dependencies; the use cases hold the work.
 */
import { collectSignIns } from "../../shared/app/collect-sign-ins";
import { completeRollout } from "../../shared/app/complete-rollout";
import { completeWave } from "../../shared/app/complete-wave";
import { verifyControlRequest } from "../../shared/app/control-requests";
import { enforceWave } from "../../shared/app/enforce-wave";
import { evaluateHealth } from "../../shared/app/evaluate-health";
import { evaluateReadiness } from "../../shared/app/evaluate-readiness";
import { evaluateWatch } from "../../shared/app/evaluate-watch";
import { openWatch } from "../../shared/app/open-watch";
import { preflightRollout } from "../../shared/app/preflight-rollout";
import { checkDrift } from "../../shared/app/reconcile-drift";
import { reconcileAfterDrift } from "../../shared/app/reconcile-requests";
import { releaseHeldBack } from "../../shared/app/release-held-back";
import { rememberResult } from "../../shared/app/remember-result";
import { retryHeldBack } from "../../shared/app/retry-held-back";
import { setRolloutStatus } from "../../shared/app/set-rollout-status";
import { setupRollout } from "../../shared/app/setup-rollout";
import { startWave } from "../../shared/app/start-wave";
import { stepBackWave } from "../../shared/app/step-back-wave";
import { Activities } from "../activity-contracts";
import { registerUseCase } from "./register-use-case";

// Preflight, setup and drift checks call Conditional Access, which Graph limits to about one call
// a second: a re-run right after a finished run would be throttled, so it returns the stored result.
registerUseCase(
  Activities.preflight,
  rememberResult(({ rolloutId }) => `preflight|${rolloutId}`, preflightRollout),
);
registerUseCase(
  Activities.setupRollout,
  rememberResult(({ rolloutId }) => `setup|${rolloutId}`, setupRollout),
);
registerUseCase(Activities.setRolloutStatus, setRolloutStatus);
registerUseCase(Activities.startWave, startWave);
registerUseCase(Activities.collectSignIns, collectSignIns);
registerUseCase(Activities.evaluateReadiness, evaluateReadiness);
registerUseCase(Activities.enforceWave, enforceWave);
registerUseCase(Activities.evaluateHealth, evaluateHealth);
registerUseCase(Activities.releaseHeldBack, releaseHeldBack);
registerUseCase(Activities.stepBackWave, stepBackWave);
registerUseCase(Activities.retryHeldBack, retryHeldBack);
registerUseCase(Activities.completeWave, completeWave);
registerUseCase(Activities.completeRollout, completeRollout);
registerUseCase(
  Activities.checkDrift,
  rememberResult(
    ({ rolloutId, waveIndex, checkpoint, at }) => `drift|${rolloutId}|${waveIndex}|${checkpoint}|${at}`,
    checkDrift,
  ),
);
registerUseCase(Activities.reconcile, reconcileAfterDrift);
registerUseCase(Activities.verifyControlRequest, ({ store }, input) => verifyControlRequest(store, input));
registerUseCase(Activities.openWatch, openWatch);
registerUseCase(Activities.evaluateWatch, evaluateWatch);
