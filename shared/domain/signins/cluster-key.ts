/**
 * A cluster is app × client × platform: "Contoso Invoicing" on "Mobile Apps and Desktop
 * clients" on "iOS". The key is human-readable because it appears in tables and reasons.
 */
export interface Cluster {
  app: string;
  clientApp: string;
  platform: string;
}

const SEP = " | ";

export function clusterKey(cluster: Cluster): string {
  return clusterKeyOf(cluster.app, cluster.clientApp, cluster.platform);
}

/** clusterKey without the object: the counters call it once per sign-in. */
export function clusterKeyOf(app: string, clientApp: string, platform: string): string {
  // A "|" inside a name would make the key ambiguous; it is rare enough to replace.
  if (app.includes("|") || clientApp.includes("|") || platform.includes("|")) {
    return [app, clientApp, platform].map((part) => part.replace(/\|/g, "¦")).join(SEP);
  }
  return app + SEP + clientApp + SEP + platform;
}

export function parseClusterKey(key: string): Cluster {
  const [app = "", clientApp = "", platform = ""] = key.split(SEP);
  return { app, clientApp, platform };
}

/** "Contoso Invoicing on iOS", the way people name a broken combination. */
/** Sign-in logs spell platforms as "Ios", "MacOs", "Windows10"; people read iOS, macOS, Windows 10. */
const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  ios: "iOS",
  macos: "macOS",
  windows10: "Windows 10",
  windows11: "Windows 11",
  android: "Android",
};

export function describeCluster(cluster: Cluster): string {
  return `${cluster.app} on ${PLATFORM_NAMES[cluster.platform.toLowerCase()] ?? cluster.platform}`;
}
