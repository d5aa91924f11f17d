import { startAzurite } from "../../local/azurite";

/**
 * One Azurite for every integration suite; suites isolate themselves by table name or prefix.
 * Its connection string reaches the workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  process.env.TEST_AZURITE_CONNECTION_STRING = azurite.connectionString;
  (globalThis as Record<string, unknown>).__AZURITE__ = azurite;
}
