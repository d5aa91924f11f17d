import type { AdministrativeUnit, SubscribedSku } from "@microsoft/microsoft-graph-types";
import type { GroupStore } from "./groups";
import { ScenarioError } from "./scenario-loader";
import type { Scenario } from "./scenario-schema";
import type { SimTenant } from "./tenant-port";
import type { UserDirectory } from "./users";

type DirectoryFacts = Required<
  Pick<
    SimTenant,
    | "subscribedSkus"
    | "getAdministrativeUnit"
    | "administrativeUnitsOf"
    | "appIsScopedGroupsAdministrator"
    | "grantedPermissions"
  >
>;

/** Licences, administrative units and the app's permissions: fixed for the scenario's lifetime. */
export function directoryFacts(scenario: Scenario, users: UserDirectory, groups: GroupStore): DirectoryFacts {
  const skus: SubscribedSku[] = scenario.subscribedSkus.map((sku) => ({
    id: `00000000-0000-4000-8000-00000000c0de_${sku.skuId}`,
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    appliesTo: "User",
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: 0,
    servicePlans: sku.servicePlans.map((plan) => ({ ...plan, appliesTo: "User" })),
  }));
  const units = scenario.administrativeUnits.map((unit) => {
    for (const member of unit.members) {
      if (!groups.get(member) && !users.get(member)) {
        throw new ScenarioError(
          `scenario "${scenario.name}": administrative unit "${unit.displayName}": no group or user ${member}`,
        );
      }
    }
    const graph: AdministrativeUnit = {
      id: unit.id,
      displayName: unit.displayName,
      description: null,
      isMemberManagementRestricted: unit.isMemberManagementRestricted,
      visibility: null,
    };
    return {
      graph,
      members: new Set(unit.members.map((m) => m.toLowerCase())),
      scopedAdmin: unit.appIsScopedGroupsAdministrator,
    };
  });
  const granted = scenario.grantedPermissions ? new Set(scenario.grantedPermissions) : undefined;
  return {
    subscribedSkus: () => skus,
    getAdministrativeUnit: (id) => units.find((u) => u.graph.id?.toLowerCase() === id.toLowerCase())?.graph,
    administrativeUnitsOf: (objectId) =>
      units.filter((u) => u.members.has(objectId.toLowerCase())).map((u) => u.graph),
    appIsScopedGroupsAdministrator: (id) =>
      units.some((u) => u.graph.id?.toLowerCase() === id.toLowerCase() && u.scopedAdmin),
    grantedPermissions: () => granted,
  };
}
