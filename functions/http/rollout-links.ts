/**
 * The app's own URLs for a rollout: what a start answers with. Never the Durable extension's
 * management URLs (createCheckStatusResponse): in Azure those carry the extension's system key,
 * and with it anyone could raise events on, terminate or purge an instance without the app's
 * authorization or audit.
 */
export function rolloutLinks(rolloutId: string) {
  const base = `/api/rollouts/${encodeURIComponent(rolloutId)}`;
  return {
    status: base,
    view: `${base}/view`,
    gates: `${base}/gates`,
    users: `${base}/users`,
    pause: `${base}/pause`,
    abort: `${base}/abort`,
  };
}
