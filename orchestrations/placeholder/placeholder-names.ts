/** Function and event names shared by the placeholder's triggers and orchestration. */
export const PLACEHOLDER_ORCHESTRATOR = "placeholderOrchestrator";
export const PLACEHOLDER_GREET_ACTIVITY = "placeholderGreet";
export const PLACEHOLDER_APPROVAL_EVENT = "approve";
