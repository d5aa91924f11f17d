import {
  FORBIDDEN_GRAPH_PERMISSIONS,
  GRAPH_OPERATION_PERMISSIONS,
  GraphGateway,
  REQUIRED_GRAPH_PERMISSIONS,
} from "../../../../shared/graph";

describe("Graph permissions table", () => {
  it("covers every gateway operation, and only gateway operations", () => {
    const methods = Object.getOwnPropertyNames(GraphGateway.prototype).filter(
      // counts() and paced() call nothing: the first reads counters, the second returns a view.
      (m) => m !== "constructor" && m !== "counts" && m !== "paced",
    );
    expect(methods.sort()).toEqual(Object.keys(GRAPH_OPERATION_PERMISSIONS).sort());
  });

  it("asks for least privilege: the eight permissions the operations need and nothing broader", () => {
    expect(REQUIRED_GRAPH_PERMISSIONS).toEqual([
      "AdministrativeUnit.Read.All",
      "AuditLog.Read.All",
      "Group.Create",
      "GroupMember.ReadWrite.All",
      "LicenseAssignment.Read.All",
      "Policy.Read.All",
      "Policy.ReadWrite.ConditionalAccess",
      "User.Read.All",
    ]);
    for (const forbidden of FORBIDDEN_GRAPH_PERMISSIONS) {
      expect(REQUIRED_GRAPH_PERMISSIONS as readonly string[]).not.toContain(forbidden);
    }
  });
});
