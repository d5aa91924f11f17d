import { app, type InvocationContext, type Timer } from "@azure/functions";
import { dependencies } from "#shared/runtime";
import { deliverAllNotifications } from "#shared/app";

/**
 * The outbox's safety net: every notification not delivered at once (webhook down, a crash right
 * after the event) is retried here with backoff until sent or given up, both audited. Timer
 * triggers run as a singleton per app, and each row is claimed by ETag before it is sent.
 */
export async function deliverNotifications(_timer: Timer, context: InvocationContext): Promise<void> {
  const { store, clock } = await dependencies();
  const counts = await deliverAllNotifications({ store, clock, log: (line) => context.log(line) });
  if (counts.sent + counts.failed + counts.retrying > 0) {
    context.log(`notifications: ${counts.sent} sent, ${counts.retrying} to retry, ${counts.failed} failed`);
  }
}

app.timer("deliver-notifications", {
  schedule: "0 */15 * * * *",
  handler: deliverNotifications,
});
