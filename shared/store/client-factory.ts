import { TableClient } from "@azure/data-tables";
import type { TokenCredential } from "@azure/identity";
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import type { AppConfig } from "../config";
import { InvalidStoreInputError } from "./errors";
import { staleSocketRetry } from "./stale-socket-retry";

/** How to reach the status tables: a connection string (Azurite) or an endpoint plus an identity. */
export interface TableConnectionOptions {
  /** Wins when both are set, so a local override never reaches a real account by accident. */
  connectionString?: string;
  /** e.g. https://<account>.table.core.windows.net */
  endpoint?: string;
  /** Defaults to ManagedIdentityCredential(managedIdentityClientId) or DefaultAzureCredential. */
  credential?: TokenCredential;
  managedIdentityClientId?: string;
  /** Letters and digits, starting with a letter; prepended to every table name. */
  tablePrefix?: string;
}

export type TableClientFactory = (tableName: string) => TableClient;

/** Maps the app's config onto the store's options; the only coupling between the two. */
export function storeOptionsFromConfig(config: AppConfig): TableConnectionOptions {
  return {
    connectionString: config.tablesConnectionString,
    endpoint: config.tablesEndpoint,
    managedIdentityClientId: config.managedIdentityClientId,
    tablePrefix: config.tablePrefix,
  };
}

/** Azurite speaks plain http; the SDK refuses http unless told, and must keep refusing it in Azure. */
export function connectionStringUsesHttp(connectionString: string): boolean {
  const settings = new Map<string, string>();
  for (const part of connectionString.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) settings.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  if (settings.get("usedevelopmentstorage")?.toLowerCase() === "true") return true;
  const endpoint = settings.get("tableendpoint");
  if (endpoint) return endpoint.toLowerCase().startsWith("http:");
  return settings.get("defaultendpointsprotocol")?.toLowerCase() === "http";
}

function isLoopbackHttp(endpoint: string): boolean {
  const url = new URL(endpoint);
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export function createTableClientFactory(options: TableConnectionOptions): TableClientFactory {
  if (options.connectionString) {
    const connectionString = options.connectionString;
    const allowInsecureConnection = connectionStringUsesHttp(connectionString);
    return (tableName) =>
      TableClient.fromConnectionString(connectionString, tableName, {
        allowInsecureConnection,
        additionalPolicies: [staleSocketRetry],
      });
  }
  if (options.endpoint) {
    const endpoint = options.endpoint;
    const credential =
      options.credential ??
      (options.managedIdentityClientId
        ? new ManagedIdentityCredential({ clientId: options.managedIdentityClientId })
        : new DefaultAzureCredential());
    // Tokens only travel over https, except to a loopback emulator.
    const allowInsecureConnection = isLoopbackHttp(endpoint);
    return (tableName) =>
      new TableClient(endpoint, tableName, credential, {
        allowInsecureConnection,
        additionalPolicies: [staleSocketRetry],
      });
  }
  throw new InvalidStoreInputError("Table Storage needs either a connection string or an account endpoint");
}
