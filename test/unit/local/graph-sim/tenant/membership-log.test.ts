import { MembershipLog } from "../../../../../local/graph-sim/tenant/membership-log";

describe("MembershipLog", () => {
  it("answers membership at any past instant; a change applies strictly after its stamp", () => {
    const log = new MembershipLog();
    log.add("u1", 100);
    log.remove("u1", 200);
    log.add("u1", 300);
    expect(log.wasMemberAt("u1", 50)).toBe(false);
    expect(log.wasMemberAt("u1", 100)).toBe(false);
    expect(log.wasMemberAt("u1", 101)).toBe(true);
    expect(log.wasMemberAt("u1", 200)).toBe(true);
    expect(log.wasMemberAt("u1", 201)).toBe(false);
    expect(log.wasMemberAt("u1", 301)).toBe(true);
    expect(log.wasMemberAt("nobody", 301)).toBe(false);
  });

  it("keeps current members in insertion order, a re-added member at the end", () => {
    const log = new MembershipLog();
    log.add("a", 1);
    log.add("b", 2);
    log.add("c", 3);
    log.remove("a", 4);
    log.add("a", 5);
    expect(log.ids()).toEqual(["b", "c", "a"]);
    expect(log.size).toBe(3);
    expect(log.has("a")).toBe(true);
  });
});

describe("MembershipLog looked up by directory position", () => {
  it("answers exactly as by id, through adds, removals and re-adds", () => {
    const ids = ["u0", "u1", "u2", "u3"];
    const log = new MembershipLog({ size: ids.length, indexOf: (id) => ids.indexOf(id) });
    log.add("u1", 100);
    log.add("u2", 150);
    log.remove("u1", 200);
    log.add("u1", 300);
    log.remove("u2", 250);
    for (const [index, id] of ids.entries()) {
      for (const at of [50, 100, 101, 151, 200, 201, 251, 300, 301]) {
        expect([id, at, log.wasUserMemberAt({ index, id }, at)]).toEqual([id, at, log.wasMemberAt(id, at)]);
      }
    }
    expect(log.wasUserMemberAt({ index: 1, id: "u1" }, 250)).toBe(false);
    expect(log.wasUserMemberAt({ index: 1, id: "u1" }, 301)).toBe(true);
  });
});
