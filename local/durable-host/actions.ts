/**
 * The actions an orchestrator episode returns (schema V2+: every action since the execution
 * started, compound WhenAll/WhenAny nested). The host flattens them depth-first, as the extension
 * assigns sequence ids in that order.
 */
export enum ActionType {
  CallActivity = 0,
  CallActivityWithRetry = 1,
  CallSubOrchestrator = 2,
  CallSubOrchestratorWithRetry = 3,
  ContinueAsNew = 4,
  CreateTimer = 5,
  WaitForExternalEvent = 6,
  CallEntity = 7,
  CallHttp = 8,
  SignalEntity = 9,
  WhenAny = 11,
  WhenAll = 12,
  LockEntities = 13,
  ReleaseEntities = 14,
}

export interface WireRetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

/** A leaf or compound action as the SDK builds it (in-process objects, not yet serialized). */
export interface WireAction {
  actionType: ActionType;
  functionName?: string;
  input?: unknown;
  instanceId?: string;
  retryOptions?: WireRetryOptions;
  fireAt?: Date | string;
  isCanceled?: boolean;
  externalEventName?: string;
  compoundActions?: WireAction[];
}

export function actionTypeName(type: ActionType): string {
  return ActionType[type] ?? `ActionType ${String(type)}`;
}

/** Name used in messages and in the determinism check: function or event name, if any. */
export function actionLabel(action: WireAction): string {
  const name = action.functionName ?? action.externalEventName;
  return name === undefined
    ? actionTypeName(action.actionType)
    : `${actionTypeName(action.actionType)} '${name}'`;
}

/**
 * Leaf actions depth-first. A task the orchestrator yields again inside a new compound (for
 * example the same event task in a loop of Task.any) appears again in the list as the same
 * object; it takes no new id in the SDK, so it is kept only at its first position.
 */
export function flattenActions(actions: readonly WireAction[]): WireAction[] {
  const seen = new Set<WireAction>();
  const out: WireAction[] = [];
  const visit = (action: WireAction): void => {
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      for (const child of action.compoundActions ?? []) visit(child);
      return;
    }
    if (seen.has(action)) return;
    seen.add(action);
    out.push(action);
  };
  for (const action of actions) visit(action);
  return out;
}

export function fireAtOf(action: WireAction): Date {
  if (action.fireAt === undefined) throw new Error("CreateTimer action without fireAt");
  return new Date(action.fireAt);
}
