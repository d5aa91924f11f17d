import type { Faults } from "./faults";
import type { GroupStore } from "./groups";
import { AuthMethod, Platform } from "./scenario-schema";
import { SimGraphError, type SimKnob } from "./tenant-port";
import type { UserDirectory } from "./users";

/** Sign-ins per user per day over time: a change applies to sign-ins after the moment it was made. */
export class RateHistory {
  private readonly changes: { at: number; value: number }[];

  constructor(initial: number) {
    this.changes = [{ at: -Infinity, value: initial }];
  }

  set(at: number, value: number): void {
    this.changes.push({ at, value });
  }

  at(instant: number): number {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const change = this.changes[i]!;
      if (change.at < instant) return change.value;
    }
    return this.changes[0]!.value;
  }

  max(): number {
    return Math.max(...this.changes.map((c) => c.value));
  }
}

export interface KnobTargets {
  readonly users: UserDirectory;
  readonly groups: GroupStore;
  readonly faults: Faults;
  readonly rate: RateHistory;
  readonly defaultMethods: readonly string[];
}

function badKnob(message: string): SimGraphError {
  return new SimGraphError(400, "BadRequest", message);
}

function requireUser(targets: KnobTargets, userId: string) {
  const user = targets.users.find(userId);
  if (!user) throw new SimGraphError(404, "Request_ResourceNotFound", `User '${userId}' does not exist.`);
  return user;
}

/**
 * Applies a knob at `now`. Every knob only changes what happens after `now`, so sign-ins already
 * in the past (and possibly already read) keep their outcome: an outage window that starts in
 * the past is clipped to start now.
 */
export function applyKnob(targets: KnobTargets, knob: SimKnob, now: number): void {
  switch (knob.kind) {
    case "register": {
      const user = requireUser(targets, knob.userId);
      if (knob.method !== undefined && !AuthMethod.safeParse(knob.method).success) {
        throw badKnob(`Unknown method '${knob.method}'. Known: ${AuthMethod.options.join(", ")}.`);
      }
      user.methodEvents.push({ at: now, methods: knob.method ? [knob.method] : targets.defaultMethods });
      return;
    }
    case "unregister": {
      const user = requireUser(targets, knob.userId);
      user.methodEvents.push({ at: now, methods: [] });
      return;
    }
    case "deleteUser": {
      const user = requireUser(targets, knob.userId);
      targets.users.markDeleted(user, now);
      targets.groups.removeEverywhere(user.id, now);
      return;
    }
    case "mfaOutage": {
      const from = Date.parse(knob.from);
      const to = Date.parse(knob.to);
      if (Number.isNaN(from) || Number.isNaN(to) || to <= from) {
        throw badKnob("mfaOutage needs ISO 'from' and 'to' with to after from.");
      }
      targets.faults.addOutage(Math.max(from, now), to);
      return;
    }
    case "breakApp": {
      if (!knob.appId || !knob.platform || !Array.isArray(knob.userIds) || knob.userIds.length === 0) {
        throw badKnob("breakApp needs appId, platform and at least one user id.");
      }
      const platform = Platform.options.find((p) => p.toLowerCase() === knob.platform.toLowerCase());
      if (!platform)
        throw badKnob(`Unknown platform '${knob.platform}'. Known: ${Platform.options.join(", ")}.`);
      const users = knob.userIds.map((id) => requireUser(targets, id));
      for (const user of users) targets.faults.breakApp(knob.appId, platform, user.id, now);
      return;
    }
    case "signInsPerUserPerDay": {
      if (!Number.isInteger(knob.value) || knob.value < 0 || knob.value > 50) {
        throw badKnob("signInsPerUserPerDay must be an integer from 0 to 50.");
      }
      targets.rate.set(now, knob.value);
      return;
    }
    default: {
      const unknown: { kind?: unknown } = knob;
      throw badKnob(`Unknown knob kind '${String(unknown.kind)}'.`);
    }
  }
}
