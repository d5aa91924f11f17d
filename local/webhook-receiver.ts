import { createServer, type Server } from "node:http";

export interface ReceivedPost {
  path: string;
  body: unknown;
}

export interface WebhookReceiver {
  /** The URL to put in the app setting; its `sig` stands in for the secret a real one carries. */
  url: string;
  received: ReceivedPost[];
  /** Answers with this status from now on (500: a receiver in trouble); default 202 like Workflows. */
  answerWith(status: number): void;
  stop(): Promise<void>;
}

/**
 * A stand-in for a Teams Workflows / Slack incoming webhook on 127.0.0.1: records each POSTed
 * JSON body, so the rehearsal can print what it sent and tests can check it.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedPost[] = [];
  let status = 202;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (status >= 200 && status < 300) {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          body = undefined;
        }
        received.push({ path: request.url ?? "", body });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("webhook receiver has no port");
  return {
    url: `http://127.0.0.1:${address.port}/workflows/rehearsal/triggers/manual/paths/invoke?sig=rehearsal-secret`,
    received,
    answerWith: (next) => {
      status = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
