import { buildReportModel } from "../report/build-report-model";
import type { ReportModel } from "../report/report-model";
import type { StatusStore } from "../store";
import { readOutsideWaves } from "./outside-waves-status";

/**
 * Bounds on what one report reads: a whole rollout's log and gates (checks every few hours for
 * weeks) fit easily; a pathological one is cut rather than exhausting the function's memory.
 */
export const REPORT_LIMITS = Object.freeze({
  audit: 20_000,
  gates: 20_000,
  heldBack: 2_000,
  excluded: 2_000,
});

/**
 * Reads one rollout's rows for the report. Throws the store's NotFoundError for an unknown
 * rollout (the HTTP view answers 404 with it). `now` is the report's "generated at" and the end
 * of a live rollout's stage chart: the caller's clock (virtual in a rehearsal).
 */
export async function loadReportModel(
  store: StatusStore,
  rolloutId: string,
  now: Date = new Date(),
  options: { utc?: boolean } = {},
): Promise<ReportModel> {
  const rollout = await store.rollouts.get(rolloutId);
  const [waves, gates, audit, heldBack, excluded] = await Promise.all([
    store.waves.list(rolloutId),
    store.gates.list(rolloutId, { limit: REPORT_LIMITS.gates }),
    store.audit.list(rolloutId, { limit: REPORT_LIMITS.audit }),
    // One more than shown, to know whether the list was cut.
    store.users.list(rolloutId, { stage: "heldBack" }, REPORT_LIMITS.heldBack + 1),
    store.users.list(rolloutId, { stage: "excluded" }, REPORT_LIMITS.excluded),
  ]);
  return buildReportModel({
    rollout,
    waves,
    gates,
    audit,
    heldBack: heldBack.slice(0, REPORT_LIMITS.heldBack),
    heldBackTruncated: heldBack.length > REPORT_LIMITS.heldBack,
    excluded,
    generatedAt: now.toISOString(),
    ...(options.utc ? { utc: true } : {}),
    outsideWaves: await readOutsideWaves(store, rolloutId),
  });
}
