import { createStatusStore, isStoreError, NotFoundError } from "../../shared/store";
import { restStatus } from "../../shared/store/errors";
import { ConnectionError, resolveConnection, type ConnectionFlags } from "./connection";
import { formatRolloutDetail } from "./format-detail";
import { formatRolloutList } from "./format-list";
import { loadRolloutDetail, loadRolloutLines } from "./status-model";
import { stripControlDeep } from "../../shared/text/terminal-safe";

export interface StatusRequest extends ConnectionFlags {
  rolloutId?: string;
  json?: boolean;
  /** Times in UTC instead of each plan's zone. */
  utc?: boolean;
}

export interface StatusOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 shown, 1 no such rollout, 2 cannot read the tables (connection, prefix, input). */
export async function runStatus(request: StatusRequest, io: StatusOutput): Promise<number> {
  let source = "the status tables";
  try {
    const connection = await resolveConnection(request);
    // Reading must never create tables: a wrong prefix should say so, not leave empty tables behind.
    const store = await createStatusStore({ ...connection.options, createTables: false });
    source = `${connection.describe}, tables '${store.tableNames.rollouts}'…`;
    if (request.rolloutId === undefined) {
      // Names, UPNs and reasons are other people's text: an escape sequence in one must not act
      // on the operator's terminal, nor a newline forge a line.
      const lines = stripControlDeep(await loadRolloutLines(store));
      io.out(
        request.json
          ? JSON.stringify({ rollouts: lines }, null, 2)
          : formatRolloutList(lines, source, { utc: request.utc }),
      );
      if (!request.json && lines.length > 0 && connection.suggestedRolloutId) {
        io.out(`\nDetails: npm run status -- ${connection.suggestedRolloutId}`);
      }
      return 0;
    }
    try {
      const detail = stripControlDeep(await loadRolloutDetail(store, request.rolloutId));
      io.out(
        request.json ? JSON.stringify(detail, null, 2) : formatRolloutDetail(detail, { utc: request.utc }),
      );
      return 0;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const known = (await loadRolloutLines(store, 20)).map((line) => line.id);
      io.err(
        `no rollout '${request.rolloutId}' in ${source}${known.length > 0 ? `; there are: ${known.join(", ")}` : "; there are none"}`,
      );
      return 1;
    }
  } catch (error) {
    io.err(explain(error, source));
    return 2;
  }
}

function explain(error: unknown, source: string): string {
  if (error instanceof ConnectionError || isStoreError(error)) return error.message;
  if (restStatus(error) === 404) {
    return `no status tables in ${source}: is --table-prefix right, and has a rollout run there yet?`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND") {
    return `cannot reach ${source} (${String(code)}): is it running (npm start -- --keep-running)?`;
  }
  return `reading ${source} failed: ${error instanceof Error ? error.message : String(error)}`;
}
