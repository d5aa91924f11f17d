import { createHmac, timingSafeEqual } from "node:crypto";
import { SimGraphError } from "../tenant/tenant-port";

/**
 * Opaque $skiptoken values: the cursor and the original query travel inside the token, signed with
 * a per-simulator key, so a client cannot edit the query between pages and a tampered or foreign
 * token fails with 400 as Graph's does.
 */
export class PagingTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, "utf8");
  }

  encode(kind: string, payload: object): string {
    const body = Buffer.from(JSON.stringify({ k: kind, p: payload }), "utf8").toString("base64url");
    return `${body}.${this.sign(body)}`;
  }

  /** Returns the payload or throws 400 when the token is malformed, tampered or for another endpoint. */
  decode<T>(kind: string, token: string): T {
    const [body, signature, extra] = token.split(".");
    if (!body || !signature || extra !== undefined) throw invalidToken();
    const expected = Buffer.from(this.sign(body), "utf8");
    const actual = Buffer.from(signature, "utf8");
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw invalidToken();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      throw invalidToken();
    }
    const envelope = parsed as { k?: unknown; p?: unknown };
    if (envelope.k !== kind || typeof envelope.p !== "object" || envelope.p === null) throw invalidToken();
    return envelope.p as T;
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url").slice(0, 22);
  }
}

function invalidToken(): SimGraphError {
  return new SimGraphError(
    400,
    "BadRequest",
    "Invalid $skiptoken: the paging token is malformed or has been altered.",
  );
}
