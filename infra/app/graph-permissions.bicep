extension microsoftGraphV1

// Grants the managed identity its Microsoft Graph application permissions (app roles on the
// Microsoft Graph service principal). The list lives in ONE place, ../graph-permissions.json,
// shared with scripts/grant-graph-permissions.sh. Needs a deployer who may grant app roles
// (Privileged Role Administrator or Global Administrator).
param identityPrincipalId string

var graphPermissions = loadJsonContent('../graph-permissions.json')

resource graph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: graphPermissions.resourceAppId
}

resource grants 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [
  for permission in graphPermissions.appRoles: {
    principalId: identityPrincipalId
    resourceId: graph.id
    appRoleId: filter(
      graph.appRoles,
      role => role.value == permission.value && contains(role.allowedMemberTypes, 'Application')
    )[0].id
  }
]

output granted array = [for permission in graphPermissions.appRoles: permission.value]
