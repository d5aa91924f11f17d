/** Importing this module registers every activity with durable-functions. */
import "./preflight";
import "./setup-rollout";
import "./set-rollout-status";
import "./start-wave";
import "./collect-sign-ins";
import "./evaluate-readiness";
import "./enforce-wave";
import "./evaluate-health";
import "./release-held-back";
import "./step-back-wave";
import "./retry-held-back";
import "./complete-wave";
import "./complete-rollout";
import "./check-drift";
import "./reconcile";
import "./verify-control-request";
