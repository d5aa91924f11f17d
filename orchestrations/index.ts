/** Importing this module registers the orchestrators and their activities. */
import "./rollout/rollout-orchestrator";
import "./wave/wave-orchestrator";
import "./activities";
