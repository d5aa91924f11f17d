import type { OrchestrationContext } from "durable-functions";
import type { Actor, StartWaveResult, WaveInput } from "../activity-contracts";

/** What every phase of a wave needs: the durable context, the input and the wave's settings. */
export interface WaveContext {
  context: OrchestrationContext;
  input: WaveInput;
  wave: StartWaveResult;
  instanceId: string;
}

export function nowIso(context: OrchestrationContext): string {
  return context.df.currentUtcDateTime.toISOString();
}

/**
 * A key that is the same on every replay and distinct for every step: audit rows written by a
 * retried or re-run activity collapse onto one row.
 */
export function stepKey(wc: WaveContext, step: string): string {
  return `w${wc.input.waveIndex}-${step}-${wc.context.df.currentUtcDateTime.getTime()}`;
}

export const ENGINE: Actor = "system:engine";
