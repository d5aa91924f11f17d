import { assertGuid } from "./guid";

/**
 * The only place that builds membership reference paths.
 *
 * `DELETE /groups/{g}/members/{u}/$ref` removes a membership; the same path without `/$ref`
 * deletes the user object itself when the app also holds User.ReadWrite.All. So no other module
 * concatenates "members/" by hand: they call these functions, which validate both ids and always
 * append `/$ref`. A unit test records every request the gateway can emit and checks this.
 */
export function memberRefPath(groupId: string, memberId: string): string {
  const group = assertGuid(groupId, "groupId");
  const member = assertGuid(memberId, "memberId");
  return `/groups/${group}/members/${member}/$ref`;
}

/** `POST` target for adding one member. */
export function membersRefCollectionPath(groupId: string): string {
  return `/groups/${assertGuid(groupId, "groupId")}/members/$ref`;
}

/** The `@odata.id` / `members@odata.bind` value for a directory object. */
export function directoryObjectUrl(serviceRoot: string, objectId: string): string {
  return `${serviceRoot.replace(/\/+$/, "")}/directoryObjects/${assertGuid(objectId, "memberId")}`;
}
