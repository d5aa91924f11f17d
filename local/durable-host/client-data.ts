/** The durable client binding data the extension hands to client functions. */
export interface DurableClientData {
  taskHubName: string;
  creationUrls: Record<string, string>;
  managementUrls: Record<string, string>;
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
}

export const WEBHOOK_PREFIX = "/runtime/webhooks/durabletask";
export const RPC_PREFIX = "/durabletask";
export const INSTANCE_ID_PLACEHOLDER = "INSTANCEID";

/**
 * URLs in the extension's shape. The SDK sends every client call to `rpcBaseUrl` (the host's
 * loopback client port); the management URLs are what createCheckStatusResponse hands out, with
 * the origin of the incoming request, so they work on the functions port too.
 */
export function durableClientData(origin: string, taskHubName: string): DurableClientData {
  const webhook = `${origin}${WEBHOOK_PREFIX}`;
  const query = `taskHub=${taskHubName}&connection=Storage`;
  return {
    taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${webhook}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri:
        `${webhook}/orchestrators/{functionName}[/{instanceId}]` +
        `?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: managementUrls(webhook, query),
    baseUrl: webhook,
    requiredQueryStringParameters: query,
    rpcBaseUrl: `${origin}${RPC_PREFIX}/`,
  };
}

function managementUrls(webhook: string, query: string): Record<string, string> {
  const instance = `${webhook}/instances/${INSTANCE_ID_PLACEHOLDER}`;
  return {
    id: INSTANCE_ID_PLACEHOLDER,
    statusQueryGetUri: `${instance}?${query}`,
    sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
    rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${instance}?${query}`,
    restartPostUri: `${instance}/restart?${query}`,
    suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
    resumePostUri: `${instance}/resume?reason={text}&${query}`,
  };
}

/** The payload createCheckStatusResponse and the start route return, for one instance. */
export function managementPayload(
  origin: string,
  taskHubName: string,
  instanceId: string,
): Record<string, string> {
  const urls = managementUrls(`${origin}${WEBHOOK_PREFIX}`, `taskHub=${taskHubName}&connection=Storage`);
  const payload: Record<string, string> = {};
  for (const [key, value] of Object.entries(urls)) {
    payload[key] = value.replace(INSTANCE_ID_PLACEHOLDER, encodeURIComponent(instanceId));
  }
  payload.id = instanceId;
  return payload;
}
