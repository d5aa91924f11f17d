import { randomUUID } from "node:crypto";
import type {
  ConditionalAccessPolicy,
  SignIn,
  UserRegistrationDetails,
} from "@microsoft/microsoft-graph-types";
import { graphError, type FakeRequest, type FakeResponse } from "./fake-graph-server";

const ALREADY =
  "One or more added object references already exist for the following modified properties: 'members'.";
const notFound = (id: string): FakeResponse =>
  graphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

/**
 * A small stateful tenant for unit tests: groups and membership with Graph's all-or-none bind rule,
 * policies, users, sign-ins and registration details with paging. `before` hooks inject faults.
 */
export class FakeTenant {
  users = new Map<string, { id: string; displayName: string; accountEnabled: boolean }>();
  groups = new Map<
    string,
    { id: string; displayName: string; description: string; members: Set<string>; body: unknown }
  >();
  policies = new Map<string, ConditionalAccessPolicy>();
  signIns: SignIn[] = [];
  registration: UserRegistrationDetails[] = [];
  /** Users deleted through a membership URL without /$ref (must stay empty). */
  deletedUsers: string[] = [];
  pageSize = 2;
  private hooks: ((req: FakeRequest) => FakeResponse | undefined)[] = [];

  addUsers(n: number): string[] {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      this.users.set(id, { id, displayName: `User ${this.users.size}`, accountEnabled: true });
      ids.push(id);
    }
    return ids;
  }

  addGroup(displayName: string): string {
    const id = randomUUID();
    this.groups.set(id, { id, displayName, description: "", members: new Set(), body: {} });
    return id;
  }

  before(hook: (req: FakeRequest) => FakeResponse | undefined): void {
    this.hooks.push(hook);
  }

  readonly handle = (req: FakeRequest): FakeResponse => {
    for (const hook of this.hooks) {
      const answer = hook(req);
      if (answer) return answer;
    }
    return this.route(req);
  };

  private route(req: FakeRequest): FakeResponse {
    const p = req.path.split("/").filter(Boolean);
    const key = `${req.method} ${p.map((s) => (/^[0-9a-f-]{36}$/i.test(s) ? ":" : s)).join("/")}`;
    switch (key) {
      case "GET groups":
        return this.page(
          [...this.groups.values()]
            .filter((g) => {
              const m = /^displayName eq '(.*)'$/.exec(req.query.get("$filter") ?? "");
              return !m || g.displayName === m[1]?.replace(/''/g, "'");
            })
            .map((g) => ({ id: g.id, displayName: g.displayName, description: g.description })),
          req,
        );
      case "POST groups": {
        const body = req.body as { displayName: string; description: string; securityEnabled?: boolean };
        if (body.securityEnabled !== true)
          return graphError(400, "Request_BadRequest", "securityEnabled required");
        const id = randomUUID();
        this.groups.set(id, {
          id,
          displayName: body.displayName,
          description: body.description,
          members: new Set(),
          body,
        });
        return { status: 201, body: { id, ...body } };
      }
      case "GET groups/:": {
        const g = this.groups.get(p[1] ?? "");
        return g ? { status: 200, body: { id: g.id, displayName: g.displayName } } : notFound(p[1] ?? "");
      }
      case "PATCH groups/:": {
        const g = this.groups.get(p[1] ?? "");
        if (!g) return notFound(p[1] ?? "");
        const ids = ((req.body as Record<string, string[]>)["members@odata.bind"] ?? []).map(
          (u) => u.split("/").pop() ?? "",
        );
        if (ids.length > 20) return graphError(400, "Request_BadRequest", "too many");
        const unknown = ids.find((id) => !this.users.has(id));
        if (unknown) return notFound(unknown);
        if (ids.some((id) => g.members.has(id))) return graphError(400, "Request_BadRequest", ALREADY);
        ids.forEach((id) => g.members.add(id));
        return { status: 204 };
      }
      case "POST groups/:/members/$ref": {
        const g = this.groups.get(p[1] ?? "");
        if (!g) return notFound(p[1] ?? "");
        const id =
          String((req.body as Record<string, string>)["@odata.id"])
            .split("/")
            .pop() ?? "";
        if (!this.users.has(id)) return notFound(id);
        if (g.members.has(id)) return graphError(400, "Request_BadRequest", ALREADY);
        g.members.add(id);
        return { status: 204 };
      }
      case "DELETE groups/:/members/:/$ref": {
        const g = this.groups.get(p[1] ?? "");
        if (!g || !g.members.delete(p[3] ?? "")) return notFound(p[3] ?? "");
        return { status: 204 };
      }
      case "DELETE groups/:/members/:":
        this.deletedUsers.push(p[3] ?? "");
        this.users.delete(p[3] ?? "");
        return { status: 204 };
      case "GET groups/:/members": {
        const g = this.groups.get(p[1] ?? "");
        return g
          ? this.page(
              [...g.members].map((id) => ({ "@odata.type": "#microsoft.graph.user", id })),
              req,
            )
          : notFound(p[1] ?? "");
      }
      case "GET users/:": {
        const u = this.users.get(p[1] ?? "");
        return u
          ? { status: 200, body: { ...u, userPrincipalName: `${u.id}@contoso.test` } }
          : notFound(p[1] ?? "");
      }
      case "GET identity/conditionalAccess/policies":
        return this.page([...this.policies.values()], req);
      case "POST identity/conditionalAccess/policies": {
        const id = randomUUID();
        const policy = { ...(req.body as ConditionalAccessPolicy), id };
        this.policies.set(id, policy);
        return { status: 201, body: policy };
      }
      case "GET identity/conditionalAccess/policies/:": {
        const policy = this.policies.get(p[3] ?? "");
        return policy ? { status: 200, body: policy } : graphError(404, "ResourceNotFound", "no such policy");
      }
      case "PATCH identity/conditionalAccess/policies/:": {
        const policy = this.policies.get(p[3] ?? "");
        if (!policy) return graphError(404, "ResourceNotFound", "no such policy");
        this.policies.set(p[3] ?? "", { ...policy, ...(req.body as ConditionalAccessPolicy) });
        return { status: 204 };
      }
      case "GET auditLogs/signIns": {
        const prefer = (req.headers["prefer"] ?? "").includes("include-unknown-enum-members");
        const shown = this.signIns.map((s) =>
          prefer
            ? s
            : {
                ...s,
                appliedConditionalAccessPolicies: s.appliedConditionalAccessPolicies?.map((a) =>
                  a.result?.startsWith("reportOnly") ? { ...a, result: "unknownFutureValue" as const } : a,
                ),
              },
        );
        return this.page(shown, req);
      }
      case "GET reports/authenticationMethods/userRegistrationDetails":
        return this.page(this.registration, req);
      default:
        return graphError(400, "BadRequest", `fake tenant has no route ${key}`);
    }
  }

  /** Pages by `skip`, carrying the original query so every page is asked with the same filter. */
  private page(all: unknown[], req: FakeRequest): FakeResponse {
    const skip = Number(req.query.get("skip") ?? "0");
    const value = all.slice(skip, skip + this.pageSize);
    const next = new URLSearchParams(req.query);
    next.set("skip", String(skip + this.pageSize));
    const nextLink =
      skip + this.pageSize < all.length ? `${this.serviceRoot}${req.path}?${next.toString()}` : undefined;
    return { status: 200, body: { value, ...(nextLink ? { "@odata.nextLink": nextLink } : {}) } };
  }

  serviceRoot = "";
}
