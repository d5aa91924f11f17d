import type { User } from "@microsoft/microsoft-graph-types";
import { guid, hashString, pick, unit } from "./prng";
import { effectiveUsers } from "./scenario-loader";
import type { AuthMethod, LegacyClient, Scenario, ScenarioUser, UserKind } from "./scenario-schema";

export interface MethodEvent {
  at: number;
  methods: readonly string[];
}

/** One directory user plus what the simulator needs to make their sign-ins. */
export interface SimUser {
  readonly index: number;
  readonly id: string;
  /** Hash of the id: the per-user input of every random choice. */
  readonly hash: number;
  readonly upn: string;
  readonly displayName: string;
  readonly department: string;
  readonly kind: UserKind;
  readonly userType: "Member" | "Guest";
  readonly accountEnabled: boolean;
  readonly createdAt: number;
  deletedAt?: number;
  readonly phone: "iOS" | "Android" | null;
  readonly laptop: "Windows" | "macOS";
  readonly apps: readonly string[];
  readonly legacyClients: readonly LegacyClient[];
  /** Explicit registration changes (scenario state, knobs), oldest first. */
  readonly methodEvents: MethodEvent[];
  /** Set for users who start unregistered and register some days after first being asked. */
  readonly registersAfterAskedMs?: number;
  readonly memberOf: readonly string[];
}

const DAY_MS = 86_400_000;
const FIRST = ["Ava", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Hugo", "Isla", "Jack", "Kate", "Leo"];
const LAST = [
  "Adams",
  "Brown",
  "Clark",
  "Davies",
  "Evans",
  "Foster",
  "Green",
  "Hill",
  "Ito",
  "Jones",
  "Khan",
];

/** Materialises the scenario's users (listed and generated); ids are deterministic from the seed. */
export function buildUsers(scenario: Scenario, seed: number, createdAt: number): SimUser[] {
  const listed = effectiveUsers(scenario);
  const generated = scenario.generate ? generateUsers(scenario, seed) : [];
  const reg = scenario.registration;
  const unregisteredUpns = new Set(reg.unregisteredUpns.map((u) => u.toLowerCase()));
  const deptApps = new Map(scenario.departments.map((d) => [d.name, d.apps]));
  const iosShare = scenario.generate?.iosShare ?? 0.55;
  const phoneShare = scenario.generate?.phoneShare ?? 0.9;
  const noLegacy: LegacyClient[] = [];
  const noGroups: string[] = [];

  return [...listed, ...generated].map((u, index) => {
    const upnHash = hashString(u.upn.toLowerCase());
    // A scenario may pin an id (break-glass accounts) so that a plan names them whatever the seed.
    const id = ("id" in u && typeof u.id === "string" ? u.id : undefined) ?? guid(seed, upnHash, 0x05e2);
    const hash = hashString(id);
    const unregistered =
      u.methods === undefined &&
      u.kind === "person" &&
      (unregisteredUpns.has(u.upn.toLowerCase()) || unit(seed, hash, 0x2e9) < reg.unregisteredShare);
    const methods: readonly string[] =
      u.methods ?? (unregistered || u.kind === "service" ? [] : defaultMethods(u.kind, reg.defaultMethods));
    const registeredAt = createdAt + Math.floor(unit(seed, hash, 0x3e9) * 300) * DAY_MS;
    const delayDays =
      reg.registerAfterPromptDays.min +
      unit(seed, hash, 0x4e9) * (reg.registerAfterPromptDays.max - reg.registerAfterPromptDays.min);
    const phone =
      u.phone === "none"
        ? null
        : (u.phone ??
          (unit(seed, hash, 0x6e9) < phoneShare
            ? unit(seed, hash, 0x7e9) < iosShare
              ? "iOS"
              : "Android"
            : null));
    return {
      index,
      id,
      hash,
      upn: u.upn,
      displayName: u.displayName,
      department: u.department,
      kind: u.kind,
      userType: u.userType,
      accountEnabled: u.accountEnabled,
      createdAt,
      phone: u.kind === "person" ? phone : null,
      laptop: u.laptop ?? (unit(seed, hash, 0x8e9) < 0.75 ? "Windows" : "macOS"),
      apps: u.apps ?? deptApps.get(u.department) ?? [],
      legacyClients: u.legacyClients.length ? u.legacyClients : noLegacy,
      methodEvents: [{ at: methods.length ? registeredAt : createdAt, methods }],
      registersAfterAskedMs: unregistered ? Math.round(delayDays * DAY_MS) : undefined,
      memberOf: u.memberOf.length ? u.memberOf : noGroups,
    };
  });
}

const sharedDefaults = new Map<string, readonly string[]>();
function defaultMethods(kind: UserKind, methods: readonly AuthMethod[]): readonly string[] {
  // Break-glass accounts use FIDO2 keys in the vault, not a phone (Microsoft's guidance).
  const chosen = kind === "breakGlass" ? ["fido2SecurityKey"] : methods;
  const key = chosen.join(",");
  let shared = sharedDefaults.get(key);
  if (!shared) sharedDefaults.set(key, (shared = [...chosen]));
  return shared;
}

function generateUsers(scenario: Scenario, seed: number): ScenarioUser[] {
  const spec = scenario.generate!;
  const depts = scenario.departments.filter((d) => d.share !== undefined);
  const pool = depts.length ? depts : scenario.departments;
  const total = pool.reduce((sum, d) => sum + (d.share ?? 1), 0);
  const users: ScenarioUser[] = [];
  for (let n = 1; n <= spec.users; n++) {
    let r = unit(seed, n, 0xde9) * total;
    const dept = pool.find((d) => (r -= d.share ?? 1) < 0) ?? pool[pool.length - 1]!;
    users.push({
      upn: `${spec.upnPrefix}${String(n).padStart(6, "0")}@${scenario.domain}`,
      displayName: `${FIRST[pick(FIRST.length, n, 1)]} ${LAST[pick(LAST.length, n, 2)]}`,
      department: dept.name,
      kind: "person",
      userType: "Member",
      accountEnabled: true,
      legacyClients: [],
      memberOf: [],
    });
  }
  return users;
}

/** The live directory: lookups by id and UPN, deletion stamped in time. */
export class UserDirectory {
  private readonly byId = new Map<string, SimUser>();
  private readonly byUpn = new Map<string, SimUser>();
  private liveCache: SimUser[] | undefined;
  private graphCache: User[] | undefined;

  constructor(readonly all: readonly SimUser[]) {
    for (const u of all) {
      this.byId.set(u.id.toLowerCase(), u);
      this.byUpn.set(u.upn.toLowerCase(), u);
    }
  }

  /** Including deleted users (sign-ins before the deletion still exist). */
  anyById(id: string): SimUser | undefined {
    return this.byId.get(id.toLowerCase());
  }

  get(id: string): SimUser | undefined {
    const user = this.anyById(id);
    return user && user.deletedAt === undefined ? user : undefined;
  }

  find(idOrUpn: string): SimUser | undefined {
    const key = idOrUpn.toLowerCase();
    const user = this.byId.get(key) ?? this.byUpn.get(key);
    return user && user.deletedAt === undefined ? user : undefined;
  }

  live(): readonly SimUser[] {
    return (this.liveCache ??= this.all.filter((u) => u.deletedAt === undefined));
  }

  liveGraph(): readonly User[] {
    return (this.graphCache ??= this.live().map(toGraphUser));
  }

  markDeleted(user: SimUser, at: number): void {
    user.deletedAt = at;
    this.liveCache = undefined;
    this.graphCache = undefined;
  }
}

export function toGraphUser(u: SimUser): User {
  return {
    id: u.id,
    userPrincipalName: u.upn,
    displayName: u.displayName,
    mail: u.kind === "person" ? u.upn : null,
    department: u.department,
    accountEnabled: u.accountEnabled,
    userType: u.userType,
    createdDateTime: new Date(u.createdAt).toISOString(),
  };
}
