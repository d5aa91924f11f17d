/**
 * App Service Authentication puts the signed-in caller in `x-ms-client-principal`. Locally there
 * is no Easy Auth in front of the API, so the rehearsal signs its requests as this admin, with
 * the MFA claim that approvals need.
 */
export interface LocalPrincipal {
  name: string;
  roles: string[];
  mfa: boolean;
}

export const LOCAL_ADMIN: LocalPrincipal = {
  name: "rehearsal-admin@contoso.test",
  roles: ["Rollout.Admin"],
  mfa: true,
};

export function principalHeader(principal: LocalPrincipal): string {
  const claims = [
    {
      typ: "http://schemas.microsoft.com/identity/claims/objectidentifier",
      val: "00000000-0000-4000-8000-00000000ad01",
    },
    { typ: "name", val: principal.name },
    { typ: "preferred_username", val: principal.name },
    ...principal.roles.map((role) => ({ typ: "roles", val: role })),
    ...(principal.mfa
      ? [
          { typ: "amr", val: "pwd" },
          { typ: "amr", val: "mfa" },
        ]
      : [{ typ: "amr", val: "pwd" }]),
  ];
  const body = { auth_typ: "aad", claims, name_typ: "name", role_typ: "roles" };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64");
}
