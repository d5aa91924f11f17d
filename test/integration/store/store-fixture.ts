import { ManualClock } from "../../../local/clock";
import { createStatusStore, type StatusStore } from "../../../shared/store";
import { azuriteConnectionString, uniqueTableName } from "../azurite-env";

/** A store on the run's Azurite with tables of its own (unique prefix) and a controllable clock. */
export async function freshStore(
  clock = new ManualClock("2026-03-02T08:00:00.000Z"),
): Promise<{ store: StatusStore; clock: ManualClock; prefix: string }> {
  const prefix = uniqueTableName("st");
  const store = await createStatusStore({
    connectionString: azuriteConnectionString(),
    tablePrefix: prefix,
    clock,
  });
  return { store, clock, prefix };
}

/** Two workers' stores over the same tables (one process each in Azure), sharing one clock. */
export async function twoWorkers(): Promise<{ mine: StatusStore; theirs: StatusStore; clock: ManualClock }> {
  const { store: mine, clock, prefix } = await freshStore();
  const theirs = await createStatusStore({
    connectionString: azuriteConnectionString(),
    tablePrefix: prefix,
    clock,
  });
  return { mine, theirs, clock };
}
