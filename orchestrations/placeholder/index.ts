/** Importing this registers the placeholder orchestration and its activity. */
import "./placeholder-activities";
import "./placeholder-orchestrator";
