import type { SignIn } from "@microsoft/microsoft-graph-types";
import { chooseUsage, EXCHANGE_ONLINE, inUseOn, type SimApp } from "./apps-devices";
import { evaluateAttempt, QUIET_DRAW, type AttemptDraw, type AttemptOutcome } from "./ca-evaluation";
import type { Faults } from "./faults";
import type { GroupStore } from "./groups";
import type { PolicyStore } from "./policies";
import { guid, mix, unit } from "./prng";
import type { SignInBehaviour } from "./scenario-schema";
import { formatInstant, rowId } from "./sign-in-generator";
import type { SimUser } from "./users";

/** Everything a sign-in depends on, read at the sign-in's own instant. */
export interface SignInWorld {
  readonly seed: number;
  readonly apps: ReadonlyMap<string, SimApp>;
  readonly groups: GroupStore;
  readonly policies: PolicyStore;
  readonly faults: Faults;
  readonly behaviour: SignInBehaviour;
}

/** Registration as the builder needs it (see registration.ts). */
export interface MethodState {
  hasMethodAt(user: SimUser, at: number): boolean;
  /** The user registers at the enrolment interrupt of the attempt that starts at `at`. */
  registersAt(user: SimUser, at: number): boolean;
}

export interface EvaluatedAttempt {
  readonly app: SimApp;
  readonly usage: ReturnType<typeof chooseUsage>;
  readonly outcome: AttemptOutcome;
}

/** The random draws of attempt n of a user on a day: people mistype, ignore and decline. */
export function drawAttempt(world: SignInWorld, user: SimUser, day: number, n: number): AttemptDraw {
  if (user.kind !== "person") return QUIET_DRAW;
  const b = world.behaviour;
  const h = mix(world.seed, user.hash, day, n, 0xb7);
  const outcome = unit(h, 3);
  return {
    mfaClaim: unit(h, 1) < b.mfaClaimShare,
    wrongPassword: unit(h, 2) < b.wrongPasswordShare,
    abandons: outcome < b.abandonedPromptShare,
    denies: outcome >= b.abandonedPromptShare && outcome < b.abandonedPromptShare + b.deniedPushShare,
    promptCode: unit(h, 4) < b.prompt50076Share ? 50076 : 50074,
    enrolCode: unit(h, 5) < 0.5 ? 50072 : 50079,
  };
}

/** App, client and Conditional Access outcome of attempt (user, day, n) starting at `at`. */
export function evaluateCandidate(
  world: SignInWorld,
  user: SimUser,
  day: number,
  n: number,
  at: number,
  hasMethod: boolean,
  registersNow: boolean,
): EvaluatedAttempt {
  const usage = monthEndUsage(
    world,
    user,
    at,
    chooseUsage(world.seed, user, mix(world.seed, user.hash, day, n, 0xa99)),
    unit(mix(world.seed, user.hash, day, n, 0xe0d), 1),
  );
  const app = world.apps.get(usage.appId) ?? {
    appId: usage.appId,
    displayName: usage.appId,
    kind: "lineOfBusiness",
  };
  const outcome = evaluateAttempt(world.policies.atTime(at), {
    userId: user.id,
    userType: user.userType,
    app,
    client: usage.client,
    hasMethod,
    registersNow,
    outage: world.faults.outageAt(at),
    appBroken: world.faults.appBrokenAt(app.appId, usage.client.platform, user.id, at),
    isMember: (groupId) => world.groups.get(groupId)?.members.wasUserMemberAt(user, at) ?? false,
    draw: drawAttempt(world, user, day, n),
  });
  return { app, usage, outcome };
}

/** One row of the log to build: which attempt, which of its rows, and when it was created. */
export interface RowRef {
  readonly user: SimUser;
  readonly day: number;
  readonly n: number;
  /** When the attempt started (its first row's whole second). */
  readonly attemptAt: number;
  /** 0: the attempt's first row; 1: the row answering its prompt. */
  readonly slot: 0 | 1;
  /** The row's whole second, in ms. */
  readonly rowAt: number;
  /** The row's fraction of a second in 100 ns units (createdDateTime's 7 digits). */
  readonly fraction: number;
}

const MEMO_LIMIT = 10_000;

/**
 * Builds rows. The log is read newest first, so an attempt's answer row (slot 1) comes before its
 * prompt row: the attempt evaluated for the answer is kept until its prompt row is built, so each
 * attempt is evaluated once however many rows it has.
 */
export class SignInBuilder {
  private readonly memo = new Map<number, EvaluatedAttempt>();

  constructor(
    private readonly world: SignInWorld,
    private readonly methods: MethodState,
  ) {}

  evaluate(user: SimUser, day: number, n: number, at: number): EvaluatedAttempt {
    const hasMethod = this.methods.hasMethodAt(user, at);
    const registersNow = !hasMethod && this.methods.registersAt(user, at);
    return evaluateCandidate(this.world, user, day, n, at, hasMethod, registersNow);
  }

  build(ref: RowRef): SignIn | undefined {
    const key = (ref.day + 4096) * 0x800_0000 + ref.user.index * 64 + ref.n;
    let attempt = this.memo.get(key);
    if (attempt && ref.slot === 0) this.memo.delete(key);
    if (!attempt) {
      attempt = this.evaluate(ref.user, ref.day, ref.n, ref.attemptAt);
      if (ref.slot === 1) {
        if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
        this.memo.set(key, attempt);
      }
    }
    const row = ref.slot === 0 ? attempt.outcome.first : attempt.outcome.answer;
    if (!row) return undefined;
    const { user, day, n } = ref;
    const { app, usage } = attempt;
    return {
      id: rowId(this.world.seed, user, day, n, ref.slot),
      createdDateTime: formatInstant(ref.rowAt, ref.fraction),
      userDisplayName: user.displayName,
      userPrincipalName: user.upn,
      userId: user.id,
      appId: app.appId,
      appDisplayName: app.displayName,
      ipAddress: usage.client.ipAddress,
      clientAppUsed: usage.client.clientAppUsed,
      correlationId: guid(this.world.seed, user.hash, day, n, 0xc0),
      conditionalAccessStatus: row.conditionalAccessStatus,
      isInteractive: true,
      riskDetail: "none",
      riskLevelAggregated: "none",
      riskLevelDuringSignIn: "none",
      riskState: "none",
      riskEventTypes_v2: [],
      resourceDisplayName: app.displayName,
      resourceId: app.appId,
      status: row.status,
      deviceDetail: usage.client.deviceDetail,
      location: usage.client.location,
      appliedConditionalAccessPolicies: row.appliedConditionalAccessPolicies,
    };
  }
}

/**
 * Month-end apps (ScenarioApp.usedFromDayOfMonth): outside their days a sign-in that would have
 * gone to one goes to the user's first app in use; in their days they take `monthEndShare` of
 * their users' sign-ins, on whatever client the sign-in was made from.
 */
function monthEndUsage(
  world: SignInWorld,
  user: SimUser,
  at: number,
  chosen: ReturnType<typeof chooseUsage>,
  draw: number,
): ReturnType<typeof chooseUsage> {
  const busy = user.apps.find((id) => {
    const app = world.apps.get(id);
    return app?.usedFromDayOfMonth !== undefined && inUseOn(app, at) && draw < (app.monthEndShare ?? 0);
  });
  if (busy) return { ...chosen, appId: busy };
  if (inUseOn(world.apps.get(chosen.appId), at)) return chosen;
  return { ...chosen, appId: user.apps.find((id) => inUseOn(world.apps.get(id), at)) ?? EXCHANGE_ONLINE };
}
