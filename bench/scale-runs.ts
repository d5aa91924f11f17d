import path from "node:path";
import { measuredRehearsal, PLANS_DIR, type MeasuredRehearsal } from "./scale-harness";

/** The scale plan: 10 waves over the `large` scenario (two sign-ins per user per day). */
export const LARGE_PLAN = path.join(PLANS_DIR, "large-10-waves.json");
export const SEED_PLAN = path.join(PLANS_DIR, "seed-phased.json");

/** 100,000 users (2,000 with --quick, which must fit in 3 minutes); BENCH_SCALE_USERS overrides either. */
export function largeUsers(quick: boolean): number {
  const override = Number(process.env.BENCH_SCALE_USERS);
  if (Number.isInteger(override) && override > 0) return override;
  return quick ? 2_000 : 100_000;
}

const runs = new Map<string, Promise<MeasuredRehearsal>>();

/**
 * The `large` rehearsal, run once per process however many sections report on it (scale and read
 * amplification both do): at 100,000 users it is the longest thing the bench does.
 */
export function largeRehearsal(quick: boolean, log: (line: string) => void): Promise<MeasuredRehearsal> {
  const users = largeUsers(quick);
  const key = `large-${users}`;
  let run = runs.get(key);
  if (!run) {
    log(`rehearsing ${users.toLocaleString("en-GB")} users in 10 waves (scenario large)`);
    run = measuredRehearsal({ scenario: "large", planFile: LARGE_PLAN, size: users, log });
    runs.set(key, run);
  }
  return run;
}

/** The seed plan on the invoicing-app scenario: the rehearsal `npm start` runs. */
export function seedRehearsal(log: (line: string) => void): Promise<MeasuredRehearsal> {
  let run = runs.get("seed");
  if (!run) {
    log("rehearsing the seed plan on invoicing-app");
    run = measuredRehearsal({ scenario: "invoicing-app", planFile: SEED_PLAN, log });
    runs.set("seed", run);
  }
  return run;
}
