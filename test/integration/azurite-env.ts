/** The connection string of the Azurite that global setup started for this run. */
export function azuriteConnectionString(): string {
  const value = process.env.TEST_AZURITE_CONNECTION_STRING;
  if (!value)
    throw new Error("TEST_AZURITE_CONNECTION_STRING is not set: run integration tests through jest");
  return value;
}

/** A table name unique to one test, so suites sharing the run's Azurite never see each other's rows. */
export function uniqueTableName(prefix: string): string {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return `${prefix}${suffix}`.replace(/[^A-Za-z0-9]/g, "").slice(0, 63);
}
