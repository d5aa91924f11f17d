/** shared/notify: what a rollout tells people about (the events) and the webhooks that carry it. */
export type { NotificationEvent, NotificationKind } from "./notification-event";
