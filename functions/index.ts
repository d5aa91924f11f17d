/**
 * Entry point the Functions host loads (package.json "main"): importing a module registers its
 * triggers with @azure/functions and durable-functions.
 */
export {};
