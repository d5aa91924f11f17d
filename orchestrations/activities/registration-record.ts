import type { RegistrationFacts } from "../../shared/domain";
import type { GraphGateway } from "../../shared/graph";

/** Registration details of the given users; users Graph does not report stay absent (not registered). */
export async function registrationRecord(
  graph: GraphGateway,
  userIds: readonly string[],
): Promise<Record<string, RegistrationFacts>> {
  const wanted = new Set(userIds);
  const facts: Record<string, RegistrationFacts> = {};
  await graph.streamRegistrationDetails({
    userIds: wanted,
    onPage: (page) => {
      for (const detail of page) {
        if (detail.id && wanted.has(detail.id)) {
          facts[detail.id] = {
            isMfaRegistered: detail.isMfaRegistered ?? false,
            isMfaCapable: detail.isMfaCapable ?? false,
            methodsRegistered: detail.methodsRegistered ?? [],
          };
        }
      }
    },
  });
  return facts;
}
