/**
 * Importing this module registers every activity with durable-functions. Each activity is one
 * use case of shared/app, called with the process's dependencies; the use cases hold the work.
 */
import {
  collectSignIns,
  completeRollout,
  completeWave,
  verifyControlRequest,
  enforceWave,
  evaluateHealth,
  evaluateReadiness,
  evaluateWatch,
  openWatch,
  preflightRollout,
  checkDrift,
  reconcileAfterDrift,
  releaseHeldBack,
  rememberResult,
  retryHeldBack,
  setRolloutStatus,
  setupRollout,
  startWave,
  stepBackWave,
} from "#shared/app";
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
