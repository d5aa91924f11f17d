import { Flag, prop, type Property, TypeTable, type TypesPackage } from "./type-table";

/**
 * Bicep types for the three Microsoft Graph v1.0 resource types infra/ declares, written from the
 * Microsoft Graph v1.0 reference (property names, types, read-only and required-on-create):
 * - https://learn.microsoft.com/graph/api/resources/application?view=graph-rest-1.0
 * - https://learn.microsoft.com/graph/api/resources/apiapplication?view=graph-rest-1.0
 * - https://learn.microsoft.com/graph/api/resources/permissionscope?view=graph-rest-1.0
 * - https://learn.microsoft.com/graph/api/resources/preauthorizedapplication?view=graph-rest-1.0
 * - https://learn.microsoft.com/graph/api/resources/approle?view=graph-rest-1.0
 * - https://learn.microsoft.com/graph/api/resources/serviceprincipal?view=graph-rest-1.0
 * - https://learn.microsoft.com/graph/api/resources/approleassignment?view=graph-rest-1.0
 * - The client-provided keys that identify them in Bicep (`uniqueName` for an application,
 *   `appId` for a service principal, the three ids for an app role assignment):
 *   https://learn.microsoft.com/graph/templates/concept-uniquely-named-resources
 * Every top-level property of those resources is listed, so a misspelt one is a compiler warning.
 * Complex types that infra/ uses (api, app roles, scopes, pre-authorized apps) are modelled
 * property by property; the others are typed `any` (their members are not checked). Guid and
 * DateTimeOffset values are strings in JSON.
 */

const RO = Flag.ReadOnly;

function appRole(t: TypeTable): Property {
  const role = t.object("microsoft.graph.appRole", {
    allowedMemberTypes: prop(
      t.array(t.oneOf(["User", "Application"])),
      Flag.None,
      "Who can be assigned the role: users and groups (User), applications (Application), or both.",
    ),
    description: prop(
      t.string(),
      Flag.None,
      "The role's description, shown when it is assigned or consented to.",
    ),
    displayName: prop(t.string(), Flag.None, "Display name for the permission."),
    id: prop(t.string(), Flag.None, "Unique role identifier (a GUID) within the role collection."),
    isEnabled: prop(t.bool(), Flag.None, "False to disable the role (required before it can be removed)."),
    origin: prop(t.string(), RO, "Whether the role was defined on the application or the service principal."),
    value: prop(t.string(), Flag.None, "The value put in the roles claim of tokens for this role."),
  });
  return prop(t.array(role), Flag.None, "The roles defined for the application.");
}

function api(t: TypeTable): Property {
  const scope = t.object("microsoft.graph.permissionScope", {
    adminConsentDescription: prop(t.string(), Flag.None, "Permission description shown to admins."),
    adminConsentDisplayName: prop(t.string(), Flag.None, "Permission title shown to admins."),
    id: prop(t.string(), Flag.None, "Unique scope identifier (a GUID) within the application's scopes."),
    isEnabled: prop(t.bool(), Flag.None, "False to disable the scope (required before it can be removed)."),
    origin: prop(t.string(), RO, "Where the scope was defined."),
    type: prop(
      t.oneOf(["User", "Admin"]),
      Flag.None,
      "Whether a user may consent (User) or only an admin (Admin).",
    ),
    userConsentDescription: prop(t.string(), Flag.None, "Permission description shown to users."),
    userConsentDisplayName: prop(t.string(), Flag.None, "Permission title shown to users."),
    value: prop(t.string(), Flag.None, "The value put in the scp claim of access tokens."),
  });
  const preAuthorized = t.object("microsoft.graph.preAuthorizedApplication", {
    appId: prop(t.string(), Flag.None, "The client application's appId."),
    delegatedPermissionIds: prop(
      t.array(t.string()),
      Flag.None,
      "Ids of the scopes the client needs no consent for.",
    ),
  });
  const body = t.object("microsoft.graph.apiApplication", {
    acceptMappedClaims: prop(t.bool(), Flag.None, "Allow claims mapping without a custom signing key."),
    knownClientApplications: prop(t.array(t.string()), Flag.None, "Client appIds bundled for consent."),
    oauth2PermissionScopes: prop(t.array(scope), Flag.None, "The delegated permissions the API exposes."),
    preAuthorizedApplications: prop(t.array(preAuthorized), Flag.None, "Clients pre-authorized for scopes."),
    requestedAccessTokenVersion: prop(
      t.int(),
      Flag.None,
      "Access token version the API expects: 1, 2 or null.",
    ),
  });
  return prop(body, Flag.None, "Settings for an application that implements a web API.");
}

function application(t: TypeTable): void {
  const strings = t.array(t.string());
  const body = t.object("microsoft.graph.application", {
    addIns: prop(t.array(t.any()), Flag.None, "Custom behaviour a consuming service can use (addIn)."),
    api: api(t),
    appId: prop(t.string(), RO, "The application (client) id Entra assigns."),
    applicationTemplateId: prop(t.string(), RO, "The application template the app was created from."),
    appRoles: appRole(t),
    certification: prop(t.any(), RO, "The app's certification status."),
    createdDateTime: prop(t.string(), RO, "When the application was registered."),
    defaultRedirectUri: prop(t.string(), Flag.None, "The default redirect URI."),
    deletedDateTime: prop(t.string(), RO, "When the application was deleted."),
    description: prop(t.string(), Flag.None, "Free text description, at most 1,024 characters."),
    disabledByMicrosoftStatus: prop(t.string(), Flag.None, "Whether Microsoft disabled the application."),
    displayName: prop(t.string(), Flag.Required, "The display name, at most 256 characters."),
    groupMembershipClaims: prop(t.string(), Flag.None, "The groups claim issued in tokens."),
    id: prop(t.string(), RO, "The directory object id."),
    identifierUris: prop(strings, Flag.None, "The URIs that identify the application in its tenant."),
    info: prop(t.any(), Flag.None, "Marketing, support, terms and privacy URLs (informationalUrl)."),
    isDeviceOnlyAuthSupported: prop(t.bool(), Flag.None, "Whether the app supports device authentication."),
    isFallbackPublicClient: prop(t.bool(), Flag.None, "Treat the app as a public client when undetermined."),
    keyCredentials: prop(t.array(t.any()), Flag.None, "Certificate credentials (keyCredential)."),
    logo: prop(t.string(), Flag.None, "The main logo."),
    nativeAuthenticationApisEnabled: prop(t.oneOf(["none", "all"]), Flag.None, "Native authentication APIs."),
    notes: prop(t.string(), Flag.None, "Notes about managing the application."),
    oauth2RequirePostResponse: prop(
      t.bool(),
      Flag.None,
      "Allow POST as well as GET for OAuth 2.0 token requests.",
    ),
    optionalClaims: prop(t.any(), Flag.None, "Optional claims in tokens (optionalClaims)."),
    parentalControlSettings: prop(t.any(), Flag.None, "Parental control settings."),
    passwordCredentials: prop(t.array(t.any()), Flag.None, "Password credentials (passwordCredential)."),
    publicClient: prop(t.any(), Flag.None, "Settings for installed clients (publicClientApplication)."),
    publisherDomain: prop(t.string(), RO, "The verified publisher domain."),
    requestSignatureVerification: prop(
      t.any(),
      Flag.None,
      "Whether signed authentication requests are required.",
    ),
    requiredResourceAccess: prop(t.array(t.any()), Flag.None, "Permissions the app needs on resources."),
    samlMetadataUrl: prop(t.string(), Flag.None, "Where the service publishes its SAML metadata."),
    serviceManagementReference: prop(t.string(), Flag.None, "Service or asset management reference."),
    servicePrincipalLockConfiguration: prop(
      t.any(),
      Flag.None,
      "Which service principal properties are locked.",
    ),
    signInAudience: prop(
      t.oneOf([
        "AzureADMyOrg",
        "AzureADMultipleOrgs",
        "AzureADandPersonalMicrosoftAccount",
        "PersonalMicrosoftAccount",
      ]),
      Flag.None,
      "The account types the application supports.",
    ),
    spa: prop(t.any(), Flag.None, "Single-page application settings (spaApplication)."),
    tags: prop(strings, Flag.None, "Strings to categorize and identify the application."),
    tokenEncryptionKeyId: prop(t.string(), Flag.None, "keyId of the key used to encrypt tokens."),
    uniqueName: prop(
      t.string(),
      Flag.Required | Flag.Identifier | Flag.DeployTimeConstant,
      "Client-provided alternate key; immutable once set.",
    ),
    verifiedPublisher: prop(t.any(), Flag.None, "The verified publisher."),
    web: prop(t.any(), Flag.None, "Web application settings (webApplication)."),
  });
  t.resource("Microsoft.Graph/applications@v1.0", body);
}

function servicePrincipal(t: TypeTable): void {
  const strings = t.array(t.string());
  const body = t.object("microsoft.graph.servicePrincipal", {
    accountEnabled: prop(t.bool(), Flag.None, "Whether the service principal can sign in."),
    addIns: prop(t.array(t.any()), Flag.None, "Custom behaviour a consuming service can use (addIn)."),
    alternativeNames: prop(strings, Flag.None, "Alternative names, e.g. of a managed identity."),
    appDescription: prop(t.string(), RO, "The description of the associated application."),
    appDisplayName: prop(t.string(), RO, "The display name of the associated application."),
    appId: prop(t.string(), Flag.Required | Flag.Identifier, "The associated application's appId."),
    applicationTemplateId: prop(t.string(), RO, "The application template it was created from."),
    appOwnerOrganizationId: prop(t.string(), RO, "The tenant where the application is registered."),
    appRoleAssignmentRequired: prop(
      t.bool(),
      Flag.None,
      "Whether users and apps need an app role assignment before they get tokens for it.",
    ),
    appRoles: appRole(t),
    customSecurityAttributes: prop(t.any(), Flag.None, "Custom security attributes."),
    deletedDateTime: prop(t.string(), RO, "When the service principal was deleted."),
    description: prop(t.string(), Flag.None, "Free text description, at most 1,024 characters."),
    disabledByMicrosoftStatus: prop(t.string(), Flag.None, "Whether Microsoft disabled the application."),
    displayName: prop(t.string(), Flag.None, "The display name."),
    homepage: prop(t.string(), Flag.None, "Home page or landing page of the application."),
    id: prop(t.string(), RO, "The directory object id."),
    info: prop(t.any(), Flag.None, "Marketing, support, terms and privacy URLs (informationalUrl)."),
    keyCredentials: prop(t.array(t.any()), Flag.None, "Certificate credentials (keyCredential)."),
    loginUrl: prop(t.string(), Flag.None, "Where the service provider sends users to sign in."),
    logoutUrl: prop(t.string(), Flag.None, "Where Microsoft's authorization service signs users out."),
    notes: prop(t.string(), Flag.None, "Notes about the service principal."),
    notificationEmailAddresses: prop(
      strings,
      Flag.None,
      "Who is told when the signing certificate nears expiry.",
    ),
    oauth2PermissionScopes: prop(
      t.array(t.any()),
      Flag.None,
      "The delegated permissions the application exposes.",
    ),
    passwordCredentials: prop(t.array(t.any()), Flag.None, "Password credentials (passwordCredential)."),
    preferredSingleSignOnMode: prop(t.string(), Flag.None, "The single sign-on mode."),
    preferredTokenSigningKeyThumbprint: prop(t.string(), Flag.None, "Reserved for internal use."),
    replyUrls: prop(strings, Flag.None, "Where tokens are sent for sign-in."),
    resourceSpecificApplicationPermissions: prop(t.array(t.any()), RO, "Resource-specific permissions."),
    samlSingleSignOnSettings: prop(t.any(), Flag.None, "SAML single sign-on settings."),
    servicePrincipalNames: prop(strings, Flag.None, "The identifierUris of the application, and its appId."),
    servicePrincipalType: prop(t.string(), Flag.None, "Application, ManagedIdentity, Legacy or SocialIdp."),
    signInAudience: prop(t.string(), RO, "The account types supported."),
    tags: prop(strings, Flag.None, "Strings to categorize and identify the service principal."),
    tokenEncryptionKeyId: prop(t.string(), Flag.None, "keyId of the key used to encrypt tokens."),
    verifiedPublisher: prop(t.any(), Flag.None, "The verified publisher."),
  });
  t.resource("Microsoft.Graph/servicePrincipals@v1.0", body);
}

function appRoleAssignedTo(t: TypeTable): void {
  const required = Flag.Required | Flag.Identifier;
  const body = t.object("microsoft.graph.appRoleAssignment", {
    appRoleId: prop(t.string(), required, "The id of the app role (on the resource) that is assigned."),
    createdDateTime: prop(t.string(), RO, "When the assignment was created."),
    deletedDateTime: prop(t.string(), RO, "When the assignment was deleted."),
    id: prop(t.string(), RO, "The assignment's id."),
    principalDisplayName: prop(t.string(), RO, "Display name of the user, group or service principal."),
    principalId: prop(
      t.string(),
      required,
      "The id of the user, group or service principal granted the role.",
    ),
    principalType: prop(t.string(), RO, "User, Group or ServicePrincipal."),
    resourceDisplayName: prop(t.string(), Flag.None, "Display name of the resource service principal."),
    resourceId: prop(t.string(), required, "The id of the resource service principal that defines the role."),
  });
  t.resource("Microsoft.Graph/appRoleAssignedTo@v1.0", body);
}

/** The package, under the name and version ARM records for the registry extension it stands for. */
export function graphV1Types(): TypesPackage {
  const t = new TypeTable();
  application(t);
  servicePrincipal(t);
  appRoleAssignedTo(t);
  return t.package("MicrosoftGraph", "1.0.0");
}
