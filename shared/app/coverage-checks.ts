import type { Plan } from "../domain";
import type { GraphGateway } from "../graph";
import type { PreflightCheck } from "../preflight";
import { readCoverage, uncoveredRefusal } from "./coverage";

/**
 * The preflight's view of who is outside the waves: users in no wave without a remainder rule
 * fail (the start is refused for them), service accounts warn with their evidence and handling.
 * A failed read is a failed check, like the preflight's other Graph reads.
 */
export async function coverageChecks(graph: GraphGateway, plan: Plan, at: string): Promise<PreflightCheck[]> {
  let coverage;
  try {
    coverage = await readCoverage(graph, plan, at);
  } catch (error) {
    const message = `could not read the population and its sign-ins: ${error instanceof Error ? error.message : String(error)}`;
    return [{ name: "population-coverage", status: "fail", message }];
  }
  const population: PreflightCheck = coverage.decision.ok
    ? {
        name: "population-coverage",
        status: "ok",
        message:
          coverage.remainderUsers === 0
            ? `every one of ${coverage.population.length} population users is in a wave or placed by serviceAccounts`
            : `${coverage.remainderUsers} population user(s) in no wave, placed by the remainder rule "${plan.remainder?.action ?? ""}"`,
      }
    : {
        name: "population-coverage",
        status: "fail",
        message: (await uncoveredRefusal(graph, coverage.decision.uncovered)).message,
      };
  const accounts = coverage.serviceAccounts;
  const services: PreflightCheck =
    accounts.length === 0
      ? { name: "service-accounts", status: "ok", message: "no service accounts found in the population" }
      : {
          name: "service-accounts",
          status: "warn",
          message:
            `${accounts.length} service account(s), serviceAccounts "${coverage.serviceAccountAction}": ` +
            accounts.map((a) => `${a.userPrincipalName ?? a.userId} (${a.evidence})`).join("; "),
        };
  return [population, services];
}
