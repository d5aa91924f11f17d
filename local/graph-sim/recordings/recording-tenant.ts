import type { SignIn } from "@microsoft/microsoft-graph-types";
import { systemClock, type Clock } from "../../clock";
import { EXCHANGE_ONLINE } from "../tenant/apps-devices";
import { createSimTenant } from "../tenant/create-tenant";
import { Guid } from "../tenant/scenario-schema";
import type { SignInQuery, SimTenant } from "../tenant/tenant-port";
import { instantKey, RecordingError, type SignInRecording } from "./read-recording";

/** The well-known groups of the seed scenarios, so that a plan written for them runs on a recording. */
export const RECORDING_GROUPS = {
  allStaff: "a11c0000-5a1f-4c0d-9e00-000000000001",
  emergencyAccess: "a11c0000-5a1f-4c0d-9e00-000000000005",
};

const DAY_MS = 86_400_000;
const UPN = /^[^@\s]+@[^@\s]+$/;

export interface RecordingTenantOptions {
  seed?: number;
  clock?: Clock | undefined;
}

/**
 * A simulated tenant whose sign-in log is the recording: its users are the recording's (all in
 * "All staff", registered with the default methods: a sign-in log does not say who is registered),
 * groups and policies behave as in any scenario, and `/auditLogs/signIns` answers with the recorded
 * rows up to the clock, newest first. The recording is served as it was recorded: no arrival delay
 * is added, and rows are not re-evaluated against the policies.
 */
export function recordingTenant(recording: SignInRecording, options: RecordingTenantOptions = {}): SimTenant {
  const clock = options.clock ?? systemClock;
  const apps = new Map<string, string>();
  for (const s of recording.signIns) {
    const appId = s.appId?.toLowerCase();
    if (appId && Guid.safeParse(appId).success && !apps.has(appId))
      apps.set(appId, s.appDisplayName || appId);
  }
  if (apps.size === 0) apps.set(EXCHANGE_ONLINE, "Office 365 Exchange Online");
  const users = recording.users.map((u) => {
    if (!Guid.safeParse(u.id).success) {
      throw new RecordingError(
        "recording",
        "a user id must be a GUID to serve the recording",
        undefined,
        `userId ${u.id}`,
      );
    }
    const upn =
      u.userPrincipalName && UPN.test(u.userPrincipalName)
        ? u.userPrincipalName
        : `${u.id}@recording.invalid`;
    return { id: u.id.toLowerCase(), upn, displayName: u.displayName || upn, department: "Recorded" };
  });
  const tenant = createSimTenant({
    seed: options.seed ?? 1,
    clock,
    scenario: {
      name: "recording",
      description: `sign-ins recorded from ${recording.from.toISOString()} to ${recording.to.toISOString()}`,
      startDate: new Date(Math.floor(recording.from.getTime() / DAY_MS) * DAY_MS).toISOString(),
      domain: "recording.invalid",
      apps: [...apps].map(([appId, displayName]) => ({ appId, displayName, kind: "lineOfBusiness" })),
      departments: [{ name: "Recorded", apps: [...apps.keys()] }],
      users,
      groups: [
        {
          id: RECORDING_GROUPS.allStaff,
          displayName: "All staff",
          mailNickname: "all-staff",
          members: { kinds: ["person"] },
        },
        {
          id: RECORDING_GROUPS.emergencyAccess,
          displayName: "Emergency access accounts",
          mailNickname: "emergency-access",
          members: { onlyUpns: true, upns: [] },
        },
      ],
    },
  });
  const log = new RecordedLog(recording.signIns);
  return { ...tenant, signIns: (query) => log.signIns(query, clock.now().getTime()) };
}

/** The recorded rows, newest first, served in Graph's order and cut by time, cursor and user. */
class RecordedLog {
  private readonly keys: { ms: number; sub: number; id: string }[];

  constructor(private readonly rows: readonly SignIn[]) {
    this.keys = rows.map((s) => ({ ...instantKey(s.createdDateTime!), id: s.id!.toLowerCase() }));
  }

  *signIns(query: SignInQuery, now: number): Generator<SignIn> {
    const upper = Math.min(query.to.getTime(), now);
    const from = query.from.getTime();
    const cursor = query.after && {
      ...instantKey(query.after.createdDateTime),
      id: query.after.id.toLowerCase(),
    };
    for (let i = this.firstAtOrBefore(upper); i < this.rows.length; i++) {
      const key = this.keys[i]!;
      if (key.ms < from) return;
      if (cursor && !before(key, cursor)) continue;
      const row = this.rows[i]!;
      if (query.userIds && !query.userIds.has(row.userId!.toLowerCase()) && !query.userIds.has(row.userId!))
        continue;
      yield row;
    }
  }

  /** The first position (newest first) whose createdDateTime is at or before `ms`. */
  private firstAtOrBefore(ms: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]!.ms > ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Whether `a` comes strictly after the cursor `b` in newest-first order. */
function before(
  a: { ms: number; sub: number; id: string },
  b: { ms: number; sub: number; id: string },
): boolean {
  if (a.ms !== b.ms) return a.ms < b.ms;
  if (a.sub !== b.sub) return a.sub < b.sub;
  return a.id < b.id;
}
