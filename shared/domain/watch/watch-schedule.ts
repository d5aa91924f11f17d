import { DEFAULT_WATCH, type WatchSettings } from "../defaults";
import { isoDurationMs } from "../schedule/iso-duration";

/** The plan's watch settings with the defaults filled in. */
export function watchSettings(plan: { watch?: Partial<WatchSettings> | undefined }): WatchSettings {
  return {
    for: plan.watch?.for ?? DEFAULT_WATCH.for,
    checkEvery: plan.watch?.checkEvery ?? DEFAULT_WATCH.checkEvery,
  };
}

/** A wave's enforced users are watched from the end of its bake for `watch.for`. */
export function watchEndsAt(bakeEndedAt: string, settings: WatchSettings): string {
  return new Date(Date.parse(bakeEndedAt) + isoDurationMs(settings.for)).toISOString();
}

/**
 * When the watch looks next: every `checkEvery`, and once more at its very end so that the last
 * stretch is judged too. Null once the watch is over.
 */
export function nextWatchCheck(now: number, until: number, checkEvery: string): number | null {
  if (now >= until) return null;
  return Math.min(now + isoDurationMs(checkEvery), until);
}

/** "watching until 2026-03-09 08:00 UTC: 81 users watched, 4 held back so far" */
export function watchingStatus(until: string, watched: number, heldBack: number): string {
  const at = new Date(until).toISOString().slice(0, 16).replace("T", " ");
  return `watching until ${at} UTC: ${watched} user(s) watched, ${heldBack} held back so far`;
}
