/** What ops are told about, as it happens: the moments someone may need to act or may want to know. */
export const NOTIFICATION_KINDS = [
  "pause",
  "resume",
  "shrink",
  "drift",
  "approval",
  "abort",
  "completion",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One notification, as kept in the outbox until it is delivered. `id` is stable per event (the
 * rollout and the audit row's idempotency key), so a receiver can drop a repeat delivery.
 */
export interface NotificationEvent {
  id: string;
  rolloutId: string;
  kind: NotificationKind;
  at: string;
  waveIndex?: number;
  /** One sentence in words; stripped of control characters and secrets like every audit detail. */
  summary: string;
}

const TITLES: Record<NotificationKind, string> = {
  pause: "Rollout paused",
  resume: "Rollout resumed",
  shrink: "Wave shrunk: users held back",
  drift: "Drift detected",
  approval: "Waiting for approval",
  abort: "Rollout aborted",
  completion: "Rollout completed",
};

/** Kinds that ask a person to look now (the card is marked as needing attention). */
const NEEDS_ATTENTION: ReadonlySet<NotificationKind> = new Set(["pause", "drift", "approval", "abort"]);

export function notificationTitle(event: Pick<NotificationEvent, "kind" | "rolloutId">): string {
  return `${TITLES[event.kind]}: ${event.rolloutId}`;
}

export function needsAttention(kind: NotificationKind): boolean {
  return NEEDS_ATTENTION.has(kind);
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
