import type { SignIn, UserRegistrationDetails } from "@microsoft/microsoft-graph-types";
import {
  assignWaves,
  ATTEMPT_WINDOW,
  checkHealth,
  checkReadiness,
  createCounters,
  isoDurationMs,
  resolvePopulation,
  waveGates,
  type GroupMembers,
  type HealthCheck,
  type Plan,
  type ReadinessCheck,
  type RegistrationFacts,
  type SignInCounters,
} from "../../shared/domain";
import { createSignInFold } from "../../shared/ingest";
import type { SignInRecording } from "../graph-sim/recordings/read-recording";

export interface BacktestInput {
  plan: Plan;
  recording: SignInRecording;
  /** Members of the plan's groups (from a scenario's tenant, or the recording's "All staff"). */
  groupMembers: GroupMembers;
  /** Registration state by user id; a user missing here counts as registered (a log cannot say). */
  registration: Readonly<Record<string, RegistrationFacts | UserRegistrationDetails | undefined>>;
}

export interface WaveBacktest {
  name: string;
  users: number;
  usersInRecording: number;
  /** When the recording shows an enforced policy for the wave's users first; null: never. */
  enforcedAt: string | null;
  readiness: ReadinessCheck & { from: string; until: string };
  /** Null when the recording never shows the wave enforced: there is no bake to judge. */
  health: (HealthCheck & { from: string; until: string }) | null;
}

export interface Backtest {
  reportOnlyPolicyId: string | null;
  waves: WaveBacktest[];
}

/**
 * What the plan's gates would have decided on a recorded sign-in log. The users and times are the
 * recording's; the groups (who is in which wave) come from the caller. A wave's observation is the
 * recording up to the first row that shows an enforced policy for one of its users (a Conditional
 * Access status of success or failure: report-only never sets either), its bake the rest; the
 * control cohort is the population outside the wave over the same stretches. Gates run exactly as
 * in production (checkReadiness, checkHealth) on attempts counted by the same fold.
 */
export function backtest(input: BacktestInput): Backtest {
  const { plan, recording } = input;
  const population = resolvePopulation(plan, input.groupMembers);
  const assignment = assignWaves(plan, population, input.groupMembers);
  const reportOnlyPolicyId = reportOnlyPolicyOf(recording.signIns);
  const from = recording.from.getTime();
  // The last attempts may have rows past the end of the recording: they are left out.
  const until = recording.to.getTime() - isoDurationMs(ATTEMPT_WINDOW);
  const firstEnforced = enforcedSince(recording.signIns);
  const seen = new Set(recording.users.map((u) => u.id.toLowerCase()));

  const waves = assignment.waves.map((wave): WaveBacktest => {
    const ids = new Set(wave.userIds.map((id) => id.toLowerCase()));
    const enforced = Math.min(...[...ids].map((id) => firstEnforced.get(id) ?? Infinity));
    const split = Number.isFinite(enforced) ? enforced : until;
    const counters = {
      observe: createCounters(reportOnlyPolicyId),
      bake: createCounters(null),
      observeControl: createCounters(null),
      bakeControl: createCounters(null),
    };
    const inWave = (id: string) => ids.has(id);
    const fold = createSignInFold(new Map(population.map((id) => [id.toLowerCase(), id.toLowerCase()])), [
      { counters: counters.observe, cohort: inWave, stretch: { from, until: split - 1 } },
      { counters: counters.bake, cohort: inWave, stretch: { from: split, until } },
      { counters: counters.observeControl, cohort: (id) => !inWave(id), stretch: { from, until: split - 1 } },
      { counters: counters.bakeControl, cohort: (id) => !inWave(id), stretch: { from: split, until } },
    ]);
    fold.addPage(recording.signIns);
    fold.finish();
    const gates = waveGates(plan, wave.index);
    const state = { extensions: 0, waveSize: wave.userIds.length, heldBack: 0 };
    const readiness = checkReadiness({
      userIds: wave.userIds,
      registration: Object.fromEntries(wave.userIds.map((id) => [id, registrationOf(input, id)])),
      observed: counters.observe,
      gates,
      state,
    });
    const health = Number.isFinite(enforced)
      ? checkHealth({
          waveUserIds: wave.userIds,
          current: counters.bake,
          baseline: counters.observe,
          control: controlOf(counters.bakeControl, counters.observeControl),
          gates,
          state: { ...state, bakeComplete: true },
        })
      : null;
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      name: wave.name,
      users: wave.userIds.length,
      usersInRecording: [...ids].filter((id) => seen.has(id)).length,
      enforcedAt: Number.isFinite(enforced) ? iso(enforced) : null,
      readiness: { ...readiness, from: iso(from), until: iso(split) },
      health: health && { ...health, from: iso(split), until: iso(until) },
    };
  });
  return { reportOnlyPolicyId, waves };
}

function controlOf(current: SignInCounters, baseline: SignInCounters) {
  return Object.keys(current.users).length > 0 ? { current, baseline } : undefined;
}

function registrationOf(input: BacktestInput, id: string): RegistrationFacts {
  const known = input.registration[id] ?? input.registration[id.toLowerCase()];
  return known ?? { isMfaRegistered: true, isMfaCapable: true, methodsRegistered: [] };
}

/** The report-only policy the recording's rows name, when they name exactly one. */
function reportOnlyPolicyOf(signIns: readonly SignIn[]): string | null {
  const ids = new Set<string>();
  for (const s of signIns) {
    for (const p of s.appliedConditionalAccessPolicies ?? []) {
      if (p.id && p.result?.startsWith("reportOnly")) ids.add(p.id.toLowerCase());
    }
  }
  return ids.size === 1 ? ([...ids][0] as string) : null;
}

/** Per user, the first row on which an enforced policy applied (Conditional Access success or failure). */
function enforcedSince(signIns: readonly SignIn[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const s of signIns) {
    if (s.conditionalAccessStatus !== "success" && s.conditionalAccessStatus !== "failure") continue;
    const id = s.userId?.toLowerCase();
    const at = Date.parse(s.createdDateTime ?? "");
    if (!id || Number.isNaN(at)) continue;
    if (at < (first.get(id) ?? Infinity)) first.set(id, at);
  }
  return first;
}
