import type { Clock } from "../../../../shared/clock";
import type { StreamSignInsInput } from "../../../../shared/graph/sign-ins";
import type { GraphGateway } from "../../../../shared/graph";
import {
  AlreadyExistsError,
  emptyStageCounts,
  NotFoundError,
  type AppendResult,
  type AuditEntry,
  type AuditInput,
  type GateRecord,
  type NewRollout,
  type RolloutPatch,
  type RolloutRecord,
  type StatusStore,
  type UserInput,
  type UserQuery,
  type UserRecord,
  type WaveInput,
  type WavePatch,
  type WaveRecord,
} from "../../../../shared/store";
import type { AppPorts } from "../../../../shared/app/ports";

/**
 * In-memory ports for the use cases' unit tests: the store's repositories as far as the use cases
 * call them, keeping rows the way the tables do (a write replaces, counts come from the rows), and
 * a Graph fake that records what it was asked. A method a use case calls that is not faked here
 * throws, so a test never passes by reading an undefined answer.
 */
export interface FakePorts extends AppPorts {
  tables: FakeTables;
  tenant: FakeTenant;
}

export interface FakeTables {
  rollouts: Map<string, RolloutRecord>;
  waves: Map<string, WaveRecord>;
  users: Map<string, UserRecord>;
  gates: GateRecord[];
  audit: AuditEntry[];
  documents: Map<string, { meta: unknown; body: string; generation: string }>;
  /** Counter rows by `rolloutId|windowKey|userId`. */
  counters: Map<string, unknown>;
}

export interface FakeTenant {
  /** Group id → member ids. */
  groups: Map<string, Set<string>>;
  /** Users the directory knows, with their UPNs. */
  users: Map<string, string>;
  /** Registration details by user id (absent: Graph does not report the user). */
  registration: Map<string, { isMfaRegistered: boolean; isMfaCapable: boolean; methodsRegistered: string[] }>;
  /** Sign-in rows streamSignIns hands out, one page. */
  signIns: unknown[];
  calls: string[];
}

export const NOW = "2026-03-02T09:00:00.000Z";

export function fakePorts(now = NOW): FakePorts {
  const clock: Clock = { now: () => new Date(now) };
  const tables: FakeTables = {
    rollouts: new Map(),
    waves: new Map(),
    users: new Map(),
    gates: [],
    audit: [],
    documents: new Map(),
    counters: new Map(),
  };
  const tenant: FakeTenant = {
    groups: new Map(),
    users: new Map(),
    registration: new Map(),
    signIns: [],
    calls: [],
  };
  return { store: fakeStore(tables, now), graph: fakeGraph(tenant), clock, tables, tenant };
}

/** Throws on any member the implementation leaves out. */
function strict<T extends object>(name: string, impl: object): T {
  return new Proxy(impl, {
    get(target, key) {
      if (key in target || typeof key === "symbol" || key === "then") return Reflect.get(target, key);
      throw new Error(`${name}.${String(key)} is not faked`);
    },
  }) as T;
}

const userKey = (rolloutId: string, userId: string) => `${rolloutId}|${userId}`;
const waveKey = (rolloutId: string, index: number) => `${rolloutId}|${index}`;

function fakeStore(tables: FakeTables, now: string): StatusStore {
  const usersOf = (rolloutId: string, query: UserQuery = {}) =>
    [...tables.users.entries()]
      .filter(([key]) => key.startsWith(`${rolloutId}|`))
      .map(([, user]) => user)
      .filter((u) => query.waveIndex === undefined || u.waveIndex === query.waveIndex)
      .filter((u) => {
        if (query.stage === undefined) return true;
        const stages: readonly string[] = typeof query.stage === "string" ? [query.stage] : query.stage;
        return stages.includes(u.stage);
      });
  const putUsers = (rolloutId: string, users: readonly UserInput[]) => {
    for (const user of users) tables.users.set(userKey(rolloutId, user.userId), { ...user, updatedAt: now });
    return users.length;
  };
  const getRollout = (id: string) => {
    const record = tables.rollouts.get(id);
    if (!record) throw new NotFoundError({ table: "rollouts", rowKey: id }, "rollout");
    return structuredClone(record);
  };
  const getWave = (rolloutId: string, index: number) => {
    const wave = tables.waves.get(waveKey(rolloutId, index));
    if (!wave)
      throw new NotFoundError({ table: "waves", partitionKey: rolloutId, rowKey: String(index) }, "wave");
    return structuredClone(wave);
  };
  let generation = 0;
  return strict<StatusStore>("store", {
    rollouts: strict("rollouts", {
      get: async (id: string) => getRollout(id),
      find: async (id: string) => (tables.rollouts.has(id) ? getRollout(id) : undefined),
      create: async (input: NewRollout) => {
        if (tables.rollouts.has(input.id))
          throw new AlreadyExistsError({ table: "rollouts", rowKey: input.id }, "rollout");
        const record: RolloutRecord = {
          status: "running",
          currentWave: 0,
          counts: emptyStageCounts(),
          createdAt: now,
          ...input,
          updatedAt: now,
        };
        tables.rollouts.set(input.id, record);
        return structuredClone(record);
      },
      list: async () => [...tables.rollouts.values()].map((r) => structuredClone(r)),
      iterate: async function* (filter: { status?: string | readonly string[] } = {}) {
        const statuses = filter.status === undefined ? undefined : [filter.status].flat();
        for (const record of tables.rollouts.values())
          if (!statuses || statuses.includes(record.status)) yield structuredClone(record);
      },
      update: async (
        id: string,
        mutate: (current: RolloutRecord) => RolloutPatch | undefined | Promise<RolloutPatch | undefined>,
      ) => {
        const current = getRollout(id);
        const next = { ...current, ...(await mutate(current)), updatedAt: now };
        tables.rollouts.set(id, next);
        return structuredClone(next);
      },
    }),
    waves: strict("waves", {
      put: async (input: WaveInput) => {
        const wave: WaveRecord = {
          extensions: 0,
          enforced: 0,
          heldBack: 0,
          excluded: 0,
          ...input,
          updatedAt: now,
        };
        tables.waves.set(waveKey(input.rolloutId, input.index), wave);
        return structuredClone(wave);
      },
      find: async (rolloutId: string, index: number) =>
        tables.waves.has(waveKey(rolloutId, index)) ? getWave(rolloutId, index) : undefined,
      get: async (rolloutId: string, index: number) => getWave(rolloutId, index),
      list: async (rolloutId: string) =>
        [...tables.waves.values()]
          .filter((w) => w.rolloutId === rolloutId)
          .sort((a, b) => a.index - b.index)
          .map((w) => structuredClone(w)),
      update: async (
        rolloutId: string,
        index: number,
        mutate: (current: WaveRecord) => WavePatch | undefined,
      ) => {
        const current = getWave(rolloutId, index);
        const next = { ...current, ...mutate(current), updatedAt: now };
        tables.waves.set(waveKey(rolloutId, index), next);
        return structuredClone(next);
      },
    }),
    users: strict("users", {
      upsertMany: async (rolloutId: string, users: readonly UserInput[]) => putUsers(rolloutId, users),
      moveMany: async (rolloutId: string, moves: readonly { from: UserRecord; to: UserInput }[]) =>
        putUsers(
          rolloutId,
          moves.map((m) => m.to),
        ),
      iteratePages: async function* (rolloutId: string, query: UserQuery = {}) {
        yield usersOf(rolloutId, query).map((u) => ({ ...u }));
      },
      list: async (rolloutId: string, query: UserQuery = {}) =>
        usersOf(rolloutId, query).map((u) => ({ ...u })),
      get: async (rolloutId: string, userId: string) => {
        const user = tables.users.get(userKey(rolloutId, userId));
        if (!user)
          throw new NotFoundError({ table: "users", partitionKey: rolloutId, rowKey: userId }, "user");
        return { ...user };
      },
      slots: async (rolloutId: string) =>
        new Map(usersOf(rolloutId).map((u) => [u.userId, { waveIndex: u.waveIndex, stage: u.stage }])),
      countByStage: async (rolloutId: string, query: Pick<UserQuery, "waveIndex"> = {}) => {
        const counts = emptyStageCounts();
        for (const user of usersOf(rolloutId, query)) counts[user.stage] += 1;
        return counts;
      },
    }),
    gates: strict("gates", {
      record: async (gate: GateRecord) => {
        tables.gates.push(structuredClone(gate));
      },
      list: async (rolloutId: string, filter: { waveIndex?: number } = {}) =>
        tables.gates
          .filter((g) => g.rolloutId === rolloutId)
          .filter((g) => filter.waveIndex === undefined || g.waveIndex === filter.waveIndex)
          .map((g) => structuredClone(g)),
    }),
    audit: strict("audit", {
      append: async (rolloutId: string, input: AuditInput): Promise<AppendResult> => {
        const earlier = tables.audit.find(
          (e) =>
            e.rolloutId === rolloutId && input.idempotencyKey && e.idempotencyKey === input.idempotencyKey,
        );
        if (earlier) return { entry: earlier, created: false };
        const at = input.at === undefined ? now : new Date(input.at).toISOString();
        const entry: AuditEntry = { ...input, rolloutId, at, rowKey: `${at}-${tables.audit.length}` };
        tables.audit.push(entry);
        return { entry, created: true };
      },
    }),
    counters: strict("counters", {
      writeDocument: async (rolloutId: string, key: string, document: { meta: unknown; body: string }) => {
        const written = `g${++generation}`;
        tables.documents.set(`${rolloutId}|${key}`, { ...document, generation: written });
        return written;
      },
      readDocument: async (rolloutId: string, key: string) => tables.documents.get(`${rolloutId}|${key}`),
      documentGeneration: async (rolloutId: string, key: string) =>
        tables.documents.get(`${rolloutId}|${key}`)?.generation,
      find: async (rolloutId: string, windowKey: string, userId: string) => {
        const counters = tables.counters.get(`${rolloutId}|${windowKey}|${userId}`);
        return counters === undefined ? undefined : { windowKey, userId, counters, updatedAt: now };
      },
      upsertMany: async (
        rolloutId: string,
        windowKey: string,
        entries: readonly { userId: string; counters: unknown }[],
      ) => {
        for (const entry of entries)
          tables.counters.set(`${rolloutId}|${windowKey}|${entry.userId}`, entry.counters);
        return entries.length;
      },
    }),
  });
}

function fakeGraph(tenant: FakeTenant): GraphGateway {
  const graph: GraphGateway = strict<GraphGateway>("graph", {
    paced: () => graph,
    listGroupMemberIds: async (groupId: string, onPage: (ids: string[]) => void | Promise<void>) => {
      const ids = [...(tenant.groups.get(groupId) ?? [])];
      await onPage(ids);
      return { pages: 1, members: ids.length };
    },
    ensureGroup: async (displayName: string, _description: string, options: { storedId?: string } = {}) => {
      tenant.calls.push(`ensureGroup ${displayName}`);
      const id =
        options.storedId ?? `9${String(tenant.groups.size).padStart(7, "0")}-0000-4000-8000-000000000000`;
      if (!tenant.groups.has(id)) tenant.groups.set(id, new Set());
      return { id, displayName, foundBy: options.storedId ? "storedId" : "created" };
    },
    ensurePolicy: async (definition: { displayName: string }, options: { storedId?: string } = {}) => {
      tenant.calls.push(`ensurePolicy ${definition.displayName}`);
      return {
        ...definition,
        id:
          options.storedId ?? `8${String(tenant.calls.length).padStart(7, "0")}-0000-4000-8000-000000000000`,
        foundBy: "created",
      };
    },
    addMembers: async (groupId: string, userIds: Iterable<string>) => {
      const ids = [...userIds];
      tenant.calls.push(`add ${groupId} ${ids.join(",")}`);
      const members = tenant.groups.get(groupId) ?? new Set<string>();
      tenant.groups.set(groupId, members);
      const notFound = ids.filter((id) => !tenant.users.has(id));
      for (const id of ids) if (tenant.users.has(id)) members.add(id);
      return {
        added: ids.length - notFound.length,
        alreadyMembers: 0,
        notFound,
        requests: ids.length > 0 ? 1 : 0,
      };
    },
    removeMembers: async (groupId: string, userIds: Iterable<string>) => {
      const ids = [...userIds];
      tenant.calls.push(`remove ${groupId} ${ids.join(",")}`);
      for (const id of ids) tenant.groups.get(groupId)?.delete(id);
      return { removed: ids.length, notMembers: 0, requests: 1 };
    },
    getUsers: async (ids: readonly string[]) => ({
      found: ids
        .filter((id) => tenant.users.has(id))
        .map((id) => ({ id, userPrincipalName: tenant.users.get(id) })),
      missing: ids.filter((id) => !tenant.users.has(id)),
    }),
    streamRegistrationDetails: async (input: { onPage: (page: unknown[]) => void }) => {
      input.onPage([...tenant.registration.entries()].map(([id, facts]) => ({ id, ...facts })));
      return { pages: 1 };
    },
    streamSignIns: async (input: StreamSignInsInput) => {
      tenant.calls.push(`signIns ${input.from.toISOString()}..${input.to.toISOString()}`);
      input.onPage?.(tenant.signIns as never);
      return { pages: 1, signIns: tenant.signIns.length } as never;
    },
  });
  return graph;
}

/** A stored rollout with its tenant objects, as setup leaves it. */
export function seedRollout(
  ports: FakePorts,
  plan: unknown,
  patch: Partial<RolloutRecord> = {},
): RolloutRecord {
  const id = (plan as { rolloutId: string }).rolloutId;
  const record: RolloutRecord = {
    id,
    status: "running",
    plan,
    currentWave: 0,
    enforcedGroupId: "e0000000-0000-4000-8000-000000000001",
    excludedGroupId: "e0000000-0000-4000-8000-000000000002",
    reportOnlyPolicyId: "p0000000-0000-4000-8000-000000000001",
    enforcedPolicyId: "p0000000-0000-4000-8000-000000000002",
    reportOnlySince: "2026-02-01T00:00:00.000Z",
    createdBy: "admin@contoso.example",
    createdAt: "2026-02-01T00:00:00.000Z",
    updatedAt: "2026-02-01T00:00:00.000Z",
    counts: emptyStageCounts(),
    ...patch,
  };
  ports.tables.rollouts.set(id, record);
  ports.tenant.groups.set(record.enforcedGroupId as string, new Set());
  return record;
}

/** Users of one wave in one stage, known to the directory. */
export function seedUsers(
  ports: FakePorts,
  rolloutId: string,
  users: {
    userId: string;
    waveIndex: number;
    stage: UserRecord["stage"];
    reason?: string;
    retryAt?: string;
  }[],
): void {
  for (const user of users) {
    ports.tables.users.set(userKey(rolloutId, user.userId), {
      upn: `${user.userId}@contoso.example`,
      updatedAt: NOW,
      ...user,
    });
    ports.tenant.users.set(user.userId, `${user.userId}@contoso.example`);
  }
}

export function seedWave(
  ports: FakePorts,
  rolloutId: string,
  index: number,
  patch: Partial<WaveRecord> = {},
): void {
  ports.tables.waves.set(waveKey(rolloutId, index), {
    rolloutId,
    index,
    name: `wave ${index}`,
    phase: "pending",
    planned: 0,
    enforced: 0,
    heldBack: 0,
    excluded: 0,
    extensions: 0,
    updatedAt: NOW,
    ...patch,
  });
}

/** GUID-shaped user ids, as addMembers requires. */
export function userIds(count: number, prefix = "u"): string[] {
  const tag = prefix.charCodeAt(0).toString(16).padStart(2, "0");
  return Array.from(
    { length: count },
    (_, i) => `${tag}000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
  );
}
