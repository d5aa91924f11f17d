import type { SignIn } from "@microsoft/microsoft-graph-types";
import {
  LEGACY_CLIENT_APPS,
  MFA_INTERRUPT_CODES,
  MFA_TERMINAL_CODES,
  SERVICE_ERROR_CODES,
} from "../defaults";
import { normalizeId } from "../plan/guid";
import { clusterKeyOf } from "./cluster-key";

/** One app × client × platform; the same object every time while it stays cached. */
export interface ClusterRef {
  key: string;
  legacy: boolean;
  /** Unique per object (from 1), for tables that count by cluster without hashing its key. */
  id: number;
}

/**
 * What a row says about its attempt (see docs/SIGN-IN-EVIDENCE.md): completed it,
 * prompted for MFA (an interrupt, no failure by itself), ended it at MFA or Conditional Access, a
 * service error, or nothing the rollout can cause (wrong password, locked account: ignored).
 */
export const RowKind = Object.freeze({
  Other: 0,
  Success: 1,
  Interrupt: 2,
  Terminal: 4,
  Service: 8,
} as const);
export type RowKind = (typeof RowKind)[keyof typeof RowKind];

const INTERRUPTS = new Set(MFA_INTERRUPT_CODES);
const TERMINALS = new Set(MFA_TERMINAL_CODES);
const SERVICE_CODES = new Set(SERVICE_ERROR_CODES);
const LEGACY = new Set(LEGACY_CLIENT_APPS.map((name) => name.toLowerCase()));

export function rowKind(code: number): RowKind {
  if (code === 0) return RowKind.Success;
  if (INTERRUPTS.has(code)) return RowKind.Interrupt;
  if (TERMINALS.has(code)) return RowKind.Terminal;
  if (SERVICE_CODES.has(code)) return RowKind.Service;
  return RowKind.Other;
}

/** The cluster of a sign-in's app, client and platform, with the fallbacks counting uses. */
export function clusterOfSignIn(signIn: SignIn): ClusterRef {
  return recentCluster(
    signIn.appDisplayName || signIn.appId || "unknown app",
    signIn.clientAppUsed ?? "unknown client",
    signIn.deviceDetail?.operatingSystem || "unknown platform",
  );
}

/**
 * A small direct-mapped cache in front of clusterOf, placed by lengths and a few characters of
 * the names: a hit compares three short strings instead of hashing each (the names are fresh
 * strings from JSON.parse, and a Map lookup by one first hashes all of it).
 */
const RECENT = 256;
const recentApps: string[] = new Array<string>(RECENT).fill("");
const recentClients: string[] = new Array<string>(RECENT).fill("");
const recentPlatforms: string[] = new Array<string>(RECENT).fill("");
const recentRefs: (ClusterRef | undefined)[] = new Array<ClusterRef | undefined>(RECENT).fill(undefined);
function recentCluster(app: string, clientApp: string, platform: string): ClusterRef {
  const at = (spot(app) + 7 * spot(clientApp) + 31 * spot(platform)) & (RECENT - 1);
  const ref = recentRefs[at];
  if (
    ref !== undefined &&
    recentApps[at] === app &&
    recentClients[at] === clientApp &&
    recentPlatforms[at] === platform
  ) {
    return ref;
  }
  const found = clusterOf(app, clientApp, platform);
  recentApps[at] = app;
  recentClients[at] = clientApp;
  recentPlatforms[at] = platform;
  recentRefs[at] = found;
  return found;
}

function spot(text: string): number {
  const n = text.length;
  return n === 0 ? 0 : n * 3 + text.charCodeAt(n >> 1) + 5 * text.charCodeAt(n - 1);
}

/**
 * Clusters by app, client and platform. A log names few of each, so this hands back the same
 * object every time instead of building and hashing a new 60-character key per sign-in (the
 * largest cost of counting before it), and answers whether the client is legacy authentication
 * without lower-casing its name per sign-in. Bounded: emptied past MAX_CACHED_CLUSTERS.
 */
const clusters = new Map<string, Map<string, Map<string, ClusterRef>>>();
const MAX_CACHED_CLUSTERS = 10_000;
let cachedClusters = 0;
let lastClusterId = 0;
function clusterOf(app: string, clientApp: string, platform: string): ClusterRef {
  let byClient = clusters.get(app);
  if (!byClient) clusters.set(app, (byClient = new Map()));
  let byPlatform = byClient.get(clientApp);
  if (!byPlatform) byClient.set(clientApp, (byPlatform = new Map()));
  let cluster = byPlatform.get(platform);
  if (cluster === undefined) {
    if (cachedClusters >= MAX_CACHED_CLUSTERS) {
      clusters.clear();
      cachedClusters = 0;
    }
    cluster = {
      key: internalized(clusterKeyOf(app, clientApp, platform)),
      legacy: LEGACY.has(clientApp.toLowerCase()),
      id: ++lastClusterId,
    };
    byPlatform.set(platform, cluster);
    cachedClusters++;
  }
  return cluster;
}

/**
 * The key as the engine stores property names: a built key is a rope of its parts, and each
 * `tally.byCluster[key]` with it would first look it up in the engine's string table.
 */
function internalized(key: string): string {
  return Object.keys({ [key]: 0 })[0] ?? key;
}

/**
 * Slot of a report-only result, by rank: with no policy id one result per sign-in counts and the
 * most alarming wins (failure, then interrupted, success, not applied). A switch rather than a
 * lookup object: this runs for every applied policy of every sign-in, and a plain object would
 * also answer for inherited names such as "constructor".
 */
function slotOf(result: string | null | undefined): 0 | 1 | 2 | 3 | undefined {
  switch (result) {
    case "reportOnlySuccess":
      return 0;
    case "reportOnlyFailure":
      return 1;
    case "reportOnlyInterrupted":
      return 2;
    case "reportOnlyNotApplied":
      return 3;
    default:
      return undefined;
  }
}
const SLOT_RANK = [2, 0, 1, 3] as const;

/**
 * Where a sign-in's report-only result of `policyId` (lower case) goes in UserTally.reportOnly, if
 * anywhere; with a null policy id, the most alarming report-only result of any policy.
 */
export function reportOnlySlot(
  policyId: string | null,
  applied: SignIn["appliedConditionalAccessPolicies"],
): 0 | 1 | 2 | 3 | undefined {
  if (!applied) return undefined;
  let best: 0 | 1 | 2 | 3 | undefined;
  for (const policy of applied) {
    if (policyId === null) {
      const slot = slotOf(policy.result);
      if (slot !== undefined && (best === undefined || SLOT_RANK[slot] < SLOT_RANK[best])) best = slot;
    } else if (policy.id === policyId || (policy.id && sameId(policy.id, policyId))) {
      // Graph lists each policy once per sign-in: the rest of the list (often dozens) is skipped.
      return slotOf(policy.result);
    }
  }
  return best;
}

/** normalizeId(id) === lowerId, without lower-casing a copy of every other policy's id. */
function sameId(id: string, lowerId: string): boolean {
  if (id.length !== lowerId.length) return normalizeId(id) === lowerId;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    // Beyond ASCII, lower-casing may change the length: leave it to toLowerCase.
    if (c >= 128) return normalizeId(id) === lowerId;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lowerId.charCodeAt(i)) return false;
  }
  return true;
}
