import { connectionStringUsesHttp } from "../../shared/store/client-factory";
import type { TableConnectionOptions } from "../../shared/store";
import { localAzuriteFile, readLocalAzurite } from "./local-azurite";
import { UnsafeLocalPathError } from "./private-dir";

/** Where an option came from ("cli", "env", ...): a flag typed by the operator beats an env default. */
export type OptionSource = string | undefined;

export interface ConnectionFlags {
  connectionString?: string;
  connectionStringSource?: OptionSource;
  accountUrl?: string;
  local?: boolean;
  tablePrefix?: string;
  /** The file `npm start -- --keep-running` records its Azurite in (tests point elsewhere). */
  localFile?: string;
}

export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

export interface ResolvedConnection {
  options: TableConnectionOptions;
  /** For the header line: which account is being read, without any secret. */
  describe: string;
  /** The rehearsal's rollout when reading its Azurite. */
  suggestedRolloutId?: string;
}

/**
 * One source of tables, chosen explicitly: a flag typed on the command line wins; otherwise
 * AZURE_STORAGE_CONNECTION_STRING; otherwise the Azurite a rehearsal left running. Two explicit
 * sources at once is a mistake (which account did the operator mean?), not a silent choice.
 */
export async function resolveConnection(flags: ConnectionFlags): Promise<ResolvedConnection> {
  const typed = [
    flags.connectionString !== undefined && flags.connectionStringSource === "cli"
      ? "--connection-string"
      : null,
    flags.accountUrl !== undefined ? "--account-url" : null,
    flags.local ? "--local" : null,
  ].filter((name): name is string => name !== null);
  if (typed.length > 1) throw new ConnectionError(`use one of ${typed.join(", ")}, not several`);
  const prefix = flags.tablePrefix;

  if (flags.accountUrl !== undefined) {
    const url = parseAccountUrl(flags.accountUrl);
    return {
      options: { endpoint: url, ...(prefix ? { tablePrefix: prefix } : {}) },
      describe: `${url} (DefaultAzureCredential)`,
    };
  }
  if (flags.connectionString !== undefined && !flags.local) {
    return {
      options: { connectionString: flags.connectionString, ...(prefix ? { tablePrefix: prefix } : {}) },
      describe: describeConnectionString(flags.connectionString),
    };
  }
  const file = flags.localFile ?? localAzuriteFile();
  const local = await readLocalAzurite(file).catch((error: unknown) => {
    if (error instanceof UnsafeLocalPathError) throw new ConnectionError(error.message);
    throw error;
  });
  if (!local) {
    throw new ConnectionError(
      `no local Azurite recorded in ${file}: start one with \`npm start -- --keep-running\`, or pass --connection-string / --account-url`,
    );
  }
  return {
    options: { connectionString: local.connectionString, tablePrefix: prefix ?? local.tablePrefix },
    describe: `local ${describeConnectionString(local.connectionString)}`,
    ...(local.rolloutId ? { suggestedRolloutId: local.rolloutId } : {}),
  };
}

function parseAccountUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConnectionError(
      `--account-url '${value}' is not a URL; e.g. https://<account>.table.core.windows.net`,
    );
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(loopback && url.protocol === "http:")) {
    throw new ConnectionError("--account-url must use https (tokens never travel in clear text)");
  }
  return url.toString().replace(/\/$/, "");
}

/** The account and endpoint of a connection string; never its key. */
export function describeConnectionString(connectionString: string): string {
  const settings = new Map<string, string>();
  for (const part of connectionString.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) settings.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const endpoint = settings.get("tableendpoint");
  const account =
    settings.get("accountname") ?? (settings.has("usedevelopmentstorage") ? "devstoreaccount1" : "?");
  const scheme = connectionStringUsesHttp(connectionString) ? "http" : "https";
  return endpoint ? `${account} at ${endpoint}` : `${account} (${scheme})`;
}
