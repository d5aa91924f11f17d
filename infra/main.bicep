targetScope = 'subscription'

// CA Wave Rollout: one resource group with a Flex Consumption function app that reaches Storage,
// Application Insights and Microsoft Graph through one user-assigned managed identity. No keys,
// no connection strings, no client secrets: every credential is the identity.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource (must offer Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user: gets data access to the storage account for Storage Explorer and local debugging. Leave empty to skip.')
param principalId string = ''

@description('Durable Functions task hub name (host.json reads %DURABLE_TASK_HUB%). Letters and digits, 3-45 characters.')
@minLength(3)
@maxLength(45)
param durableTaskHubName string = 'CaWaveRollout'

@description('Prefix of the status tables (rollouts, waves, users, gates, audit); empty for none.')
param statusTablePrefix string = ''

@description('Grant the Microsoft Graph application permissions in graph-permissions.json to the managed identity from this template. Needs a deployer who may grant app roles (Privileged Role Administrator); set false and run infra/scripts/grant-graph-permissions.sh instead when the deployer may not.')
param grantGraphPermissions bool = true

@description('Pre-authorize the Azure CLI as a client of the API app registration, so admins can get a token with `az account get-access-token`.')
param preAuthorizeAzureCli bool = true

@description('Conditional Access authentication context id (c1..c99) protecting admin actions with MFA; empty to rely on the v1.0 amr claim. See DEPLOY.md.')
param mfaAuthContextId string = ''

@description('Deploy the example alert rule on paused rollouts (Azure Monitor scheduled query on App Insights). Off by default.')
param enablePausedRolloutAlert bool = false

@description('Action group the paused-rollout alert notifies; empty: the alert shows in the portal only.')
param alertActionGroupId string = ''

@description('Key Vault secret URI (https://<vault>.vault.azure.net/secrets/<name>) of the incoming-webhook URL for rollout notifications; the app setting NOTIFY_WEBHOOK_URL becomes a Key Vault reference to it. Empty: no notifications. The managed identity needs the Key Vault Secrets User role on the vault.')
param notifyWebhookSecretUri string = ''

@allowed(['teams', 'slack'])
@description('Payload of the notifications: teams (a Workflows Adaptive Card) or slack (Slack-compatible JSON).')
param notifyWebhookFormat string = 'teams'

param resourceGroupName string = ''
param functionAppName string = ''
param storageAccountName string = ''
param identityName string = ''
param appServicePlanName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}rollout-${resourceToken}'
// Flex Consumption reads the deployment package from this container with the managed identity.
var deploymentContainerName = 'app-package-${take(appName, 32)}-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: !empty(identityName) ? identityName : '${abbrs.managedIdentityUserAssignedIdentities}rollout-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: [deploymentContainerName]
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module pausedRolloutAlert 'core/monitor/paused-rollout-alert.bicep' = if (enablePausedRolloutAlert) {
  name: 'pausedRolloutAlert'
  scope: rg
  params: {
    name: 'alert-rollout-paused-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    actionGroupId: alertActionGroupId
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module entraApp 'app/entra-app.bicep' = {
  name: 'entraApp'
  scope: rg
  params: {
    uniqueName: 'ca-wave-rollout-${resourceToken}'
    displayName: 'CA Wave Rollout (${environmentName})'
    roleIdSeed: '${subscription().id}/${environmentName}'
    preAuthorizeAzureCli: preAuthorizeAzureCli
  }
}

module graphPermissions 'app/graph-permissions.bicep' = if (grantGraphPermissions) {
  name: 'graphPermissions'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: appName
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    planId: plan.outputs.id
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    authClientId: entraApp.outputs.appId
    authAudiences: entraApp.outputs.audiences
    durableTaskHubName: durableTaskHubName
    statusTablePrefix: statusTablePrefix
    mfaAuthContextId: mfaAuthContextId
    notifyWebhookSecretUri: notifyWebhookSecretUri
    notifyWebhookFormat: notifyWebhookFormat
  }
  // The runtime starts as soon as the site exists: give it its storage roles first, or the
  // first host start fails on 403s and sits in a retry backoff.
  dependsOn: [rbac]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STATUS_TABLES_ENDPOINT string = storage.outputs.tableEndpoint
output API_APP_ID string = entraApp.outputs.appId
output API_APP_ID_URI string = entraApp.outputs.identifierUri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
