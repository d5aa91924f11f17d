import type { WaveRecord } from "../../shared/store";

/** One console line of the rehearsal: what happened and when (an ISO instant). */
export interface ProgressEvent {
  at: string;
  text: string;
}

/**
 * Oldest first: a step reads the status (now) and the gates evaluated during the step (earlier),
 * and printing them as read would put a gate after the status it caused.
 */
export function inTimeOrder(events: readonly ProgressEvent[]): ProgressEvent[] {
  return [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** "wave 2/3 core": numbered from 1 as in the report, the status CLI and the summary. */
export function waveTitle(index: number, waves: readonly Pick<WaveRecord, "index" | "name">[]): string {
  const name = waves.find((w) => w.index === index)?.name;
  const of = waves.length > 0 ? `/${waves.length}` : "";
  return `wave ${index + 1}${of}${name ? ` ${name}` : ""}`;
}
