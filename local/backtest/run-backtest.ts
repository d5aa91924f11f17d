import type { GroupMembers, RegistrationFacts } from "../../shared/domain";
import { readPlanFile } from "../rehearsal/read-plan";
import { ManualClock } from "../clock";
import { readSignInRecording } from "../graph-sim/recordings/read-recording";
import { RECORDING_GROUPS } from "../graph-sim/recordings/recording-tenant";
import { createSimTenant } from "../graph-sim/tenant/create-tenant";
import { backtest } from "./backtest";
import { backtestLines } from "./print-backtest";

export interface BacktestOptions {
  /** The recorded sign-in log (Graph pages, an admin-center JSON array, or JSON lines). */
  signins: string;
  planFile: string;
  /** The scenario whose groups and registration state say who is in which wave. */
  scenario: string;
  seed: number;
}

/**
 * `npm start -- --signins <file>`: the plan's gates replayed on a recorded sign-in log, printed.
 * The recording's users join the scenario's "All staff" (as the simulator serving a recording
 * does), so a plan over "All staff" covers them; other groups are the scenario's. A malformed
 * recording throws a RecordingError naming the line or field.
 */
export function runBacktest(options: BacktestOptions): string[] {
  const recording = readSignInRecording(options.signins);
  const { plan } = readPlanFile(options.planFile);
  const tenant = createSimTenant({
    scenario: options.scenario,
    seed: options.seed,
    clock: new ManualClock(recording.to.toISOString()),
  });
  // The recording's users stand in for the scenario's users of the same UPN (a scenario's ids
  // depend on its seed; a UPN does not).
  const recordedAs = new Map<string, string>();
  for (const user of recording.users) {
    const known = user.userPrincipalName ? tenant.findUser(user.userPrincipalName) : undefined;
    if (known?.id) recordedAs.set(known.id.toLowerCase(), user.id.toLowerCase());
  }
  const asRecorded = (id: string) => recordedAs.get(id.toLowerCase()) ?? id.toLowerCase();
  const groupMembers: Record<string, readonly string[]> = {};
  for (const group of tenant.listGroups()) {
    if (group.id) groupMembers[group.id] = tenant.listMemberIds(group.id).map(asRecorded);
  }
  const recorded = recording.users.map((u) => u.id.toLowerCase());
  groupMembers[RECORDING_GROUPS.allStaff] = [
    ...new Set([...(groupMembers[RECORDING_GROUPS.allStaff] ?? []), ...recorded]),
  ];
  const registration: Record<string, RegistrationFacts> = {};
  for (const details of tenant.registrationDetails()) {
    if (details.id) registration[asRecorded(details.id)] = details;
  }
  const names = new Map<string, string>();
  for (const user of tenant.listUsers()) {
    if (user.id) names.set(asRecorded(user.id), user.userPrincipalName ?? user.id);
  }
  for (const user of recording.users) {
    if (user.userPrincipalName) names.set(user.id.toLowerCase(), user.userPrincipalName);
  }

  const result = backtest({ plan, recording, groupMembers: groupMembers as GroupMembers, registration });
  return [
    `Backtest of plan "${plan.rolloutId}" on ${options.signins}: ${recording.signIns.length} sign-ins of ${recording.users.length} users, ${recording.from.toISOString()} to ${recording.to.toISOString()} (${recording.format}${recording.duplicates > 0 ? `, ${recording.duplicates} duplicate rows dropped` : ""})`,
    `Waves from the groups of scenario "${options.scenario}"; registration from the scenario (users it does not know count as registered: a sign-in log does not say); report-only policy ${result.reportOnlyPolicyId ?? "not identified (results of any report-only policy count)"}`,
    "",
    ...backtestLines(result, (id) => names.get(id.toLowerCase()) ?? id),
  ];
}
