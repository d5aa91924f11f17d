extension microsoftGraphV1

// The API's app registration: App Service Authentication validates tokens issued for it, and
// its app roles are what shared/auth checks (Rollout.Admin for changes, Rollout.Reader to read).
// Deploying it needs a deployer allowed to create applications (Application Developer or the
// default "users can register applications" setting).
param uniqueName string
param displayName string
@description('Seed for the stable ids of the app roles and the scope (so re-deploys keep them).')
param roleIdSeed string
param preAuthorizeAzureCli bool = true

// Well-known first-party client id of the Azure CLI.
var azureCliAppId = '04b07795-8ddb-461a-bbee-02f9e1bf7b46'
var identifierUri = 'api://${tenant().tenantId}/${uniqueName}'
var scopeId = guid(roleIdSeed, 'user_impersonation')

// Names must match shared/auth/roles.ts (a contract test checks).
var appRoles = [
  {
    value: 'Rollout.Admin'
    displayName: 'Rollout administrator'
    description: 'Start, pause, resume, approve and abort rollouts; grant exclusions.'
    allowedMemberTypes: ['User']
  }
  {
    value: 'Rollout.Reader'
    displayName: 'Rollout reader'
    description: 'Read rollout, wave and gate status.'
    allowedMemberTypes: ['User', 'Application']
  }
]

resource app 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: displayName
  signInAudience: 'AzureADMyOrg'
  identifierUris: [identifierUri]
  api: {
    // v1.0 access tokens: only they carry `amr`, the MFA proof shared/auth/mfa.ts reads ("Access
    // token claims reference", learn.microsoft.com/entra/identity-platform/access-token-claims-reference).
    // Their issuer is https://sts.windows.net/{tenant}/, which authsettingsV2 in api.bicep expects.
    // A Conditional Access authentication context (MFA_AUTH_CONTEXT_ID, `acrs`) works with either version.
    requestedAccessTokenVersion: 1
    oauth2PermissionScopes: [
      {
        id: scopeId
        value: 'user_impersonation'
        type: 'User'
        isEnabled: true
        adminConsentDisplayName: 'Use CA Wave Rollout'
        adminConsentDescription: 'Call the CA Wave Rollout API as the signed-in user (app roles still decide what is allowed).'
        userConsentDisplayName: 'Use CA Wave Rollout'
        userConsentDescription: 'Call the CA Wave Rollout API as you.'
      }
    ]
    preAuthorizedApplications: preAuthorizeAzureCli
      ? [
          {
            appId: azureCliAppId
            delegatedPermissionIds: [scopeId]
          }
        ]
      : []
  }
  appRoles: [
    for role in appRoles: {
      id: guid(roleIdSeed, role.value)
      value: role.value
      displayName: role.displayName
      description: role.description
      allowedMemberTypes: role.allowedMemberTypes
      isEnabled: true
    }
  ]
}

resource servicePrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: app.appId
  // Only users (or apps) given one of the app roles can get a token for the API at all.
  appRoleAssignmentRequired: true
}

output appId string = app.appId
output identifierUri string = identifierUri
output servicePrincipalId string = servicePrincipal.id
output audiences array = [app.appId, identifierUri]
