import type { TimeFormat } from "../../shared/report/zoned-time";
import type { ReceivedPost } from "../webhook-receiver";

interface CardText {
  text?: string;
}
interface Fact {
  title?: string;
  value?: string;
}

/** Reads back a Teams Workflows message as the channel would show it: time, kind, title, summary. */
export function notificationLines(posts: readonly ReceivedPost[], time: TimeFormat): string[] {
  return posts.map((post) => {
    const message = post.body as {
      attachments?: { content?: { body?: (CardText & { facts?: Fact[] })[] } }[];
    };
    const body = message.attachments?.[0]?.content?.body ?? [];
    const facts = body.find((block) => block.facts)?.facts ?? [];
    const fact = (title: string) => facts.find((f) => f.title === title)?.value;
    return `  ${time(fact("At (UTC)"))}  ${(fact("Event") ?? "?").padEnd(10)} ${body[0]?.text ?? "?"} — ${body[1]?.text ?? ""}`;
  });
}
