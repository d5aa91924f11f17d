/**
 * Entry point the Functions host loads (package.json "main"): importing a module registers its
 * triggers with @azure/functions and durable-functions.
 */
import "../orchestrations";
import "./start-rollout";
import "./read-rollouts";
import "./control-rollout";
import "./exclusions";
import "./preview-rollout";
import "./advance-waves-timer";
import "./expire-exclusions-timer";
import "./placeholder-http";
