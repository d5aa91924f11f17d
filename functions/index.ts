/**
 * Entry point the Functions host loads (package.json "main"): importing a module registers its
 * triggers with @azure/functions and durable-functions.
 */
import "./telemetry-setup";
import "../orchestrations";
import "./start-rollout";
import "./read-rollouts";
import "./rollout-view";
import "./control-rollout";
import "./exclusions";
import "./preview-rollout";
import "./preflight-http";
import "./reconcile-rollout";
import "./openapi-http";
import "./advance-waves-timer";
import "./expire-exclusions-timer";
import "./deliver-notifications-timer";
