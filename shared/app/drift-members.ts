import type { GraphGateway } from "../graph";
import type { GroupDeltaState } from "../store";
import { readMemberIds } from "./reconcile-graph";

/** How a managed group differs from what the rollout expects in it. */
export type GroupFinding =
  | { deleted: true }
  | {
      deleted: false;
      /** Expected members the group lacks, lower-cased. */
      gone: string[];
      /** Members the rollout did not put there, lower-cased. */
      extra: string[];
      /** How the check read the group: changes since the last check, or every member. */
      read: "delta" | "full";
    };

/**
 * A managed group against the members expected in it, by `groups/delta`: the first check (and any
 * after Graph lets a delta link expire) reads the membership in full; later ones read only what
 * changed since the previous check, whose link and member count are stored per rollout and group.
 *
 * A changed member is judged on its own (added but not expected, removed but expected). What the
 * changes do not show, the count does: the last count plus additions less removals must equal
 * the expected members plus the findings' net, else (a change Graph replayed, an expected member
 * never added) the group is read in full and compared id by id, as before delta.
 *
 * The record names the check that wrote it, so a check run again after a crash starts from where
 * its first run started and finds the same changes, not none. `expected` holds lower-cased ids.
 */
export async function checkGroupMembers(
  graph: GraphGateway,
  state: GroupDeltaState,
  check: string,
  group: { id: string; expected: ReadonlySet<string> },
): Promise<GroupFinding> {
  const stored = await state.load(group.id);
  const rerun = stored?.check === check;
  const base =
    stored === undefined
      ? undefined
      : rerun
        ? stored.baseLink !== undefined && stored.baseCount !== undefined
          ? { link: stored.baseLink, count: stored.baseCount }
          : undefined
        : { link: stored.link, count: stored.count };
  const groupId = group.id.toLowerCase();
  const now = new Map<string, boolean>();
  const round = await graph.groupMembersDelta({
    groupIds: [groupId],
    ...(base ? { deltaLink: base.link } : {}),
    onMembers: (id, changes) => {
      if (id !== groupId) return;
      for (const change of changes) now.set(change.id, !change.removed);
    },
  });
  const { expected } = group;

  if (round.groupsRemoved.has(groupId)) return { deleted: true };
  let members: Set<string> | undefined;
  let fullRead = false;
  if (round.full || !base) {
    fullRead = true;
    // A full round leaves out a group that is gone; the member list tells gone from empty.
    members = round.groupsSeen.has(groupId)
      ? new Set([...now].filter(([, member]) => member).map(([id]) => id))
      : await readMemberIds(graph, groupId);
  } else {
    // Every difference the changes show is a finding; the count must then match what remains.
    let count = base.count;
    let explained = 0;
    for (const [id, member] of now) {
      count += member ? 1 : -1;
      if (member !== expected.has(id)) explained += member ? 1 : -1;
    }
    if (count !== expected.size + explained) {
      fullRead = true;
      members = await readMemberIds(graph, groupId);
    }
  }
  if (fullRead && members === undefined) return { deleted: true };

  let finding: GroupFinding;
  let count: number;
  if (members) {
    finding = {
      deleted: false,
      gone: [...expected].filter((id) => !members.has(id)),
      extra: [...members].filter((id) => !expected.has(id)),
      read: "full",
    };
    count = members.size;
  } else {
    const changed = [...now];
    finding = {
      deleted: false,
      gone: changed.filter(([id, member]) => !member && expected.has(id)).map(([id]) => id),
      extra: changed.filter(([id, member]) => member && !expected.has(id)).map(([id]) => id),
      read: "delta",
    };
    count = expected.size + finding.extra.length - finding.gone.length;
  }
  await state.save(group.id, {
    check,
    ...(base ? { baseLink: base.link, baseCount: base.count } : {}),
    link: round.deltaLink,
    count,
  });
  return finding;
}
