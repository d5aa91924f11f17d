// The Flex Consumption function app: Node 20, the user-assigned identity for everything
// (deployment package, AzureWebJobsStorage, Durable task hub, status tables, telemetry, Graph),
// App Service Authentication in front of every route, CORS closed.
param name string
param location string = resourceGroup().location
param tags object = {}
param planId string
param storageAccountName string
param deploymentContainerName string
param identityId string
param identityClientId string
param applicationInsightsName string
@description('Client (app) id of the API app registration that App Service Authentication validates tokens for.')
param authClientId string
@description('Accepted token audiences (the app id and the application id URI).')
param authAudiences array
param durableTaskHubName string
@description('Conditional Access authentication context id (c1..c99) whose policy requires MFA for admin actions; empty: the v1.0 amr claim proves MFA. See DEPLOY.md.')
param mfaAuthContextId string = ''
param statusTablePrefix string = ''
@description('Key Vault secret URI holding the notification webhook URL; empty: no notifications.')
param notifyWebhookSecretUri string = ''
@allowed(['teams', 'slack'])
param notifyWebhookFormat string = 'teams'
param instanceMemoryMB int = 2048
@description('Upper bound on instances: Graph throttling, not compute, limits a rollout.')
param maximumInstanceCount int = 40

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Every setting shared/config.ts reads in Azure (see DEPLOYED_SETTINGS there), plus what the
// host needs. A contract test compares this block with shared/config.ts and host.json. The
// local-only settings (GRAPH_STATIC_TOKEN, STATUS_TABLES_CONNECTION_STRING) never appear here.
var appSettings = {
  // Functions host storage with the managed identity: no account key anywhere.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  // Telemetry with Entra ID auth (App Insights local auth is disabled).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // host.json: "hubName": "%DURABLE_TASK_HUB%"
  DURABLE_TASK_HUB: durableTaskHubName
  // shared/config.ts
  GRAPH_BASE_URL: '${environment().graph}v1.0'
  AZURE_CLIENT_ID: identityClientId
  STATUS_TABLES_ENDPOINT: storage.properties.primaryEndpoints.table
  STATUS_TABLE_PREFIX: statusTablePrefix
  // shared/auth/auth-settings.ts: whose users may call, and which authentication context proves MFA.
  AUTH_TENANT_ID: tenant().tenantId
  MFA_AUTH_CONTEXT_ID: mfaAuthContextId
  // shared/config.ts NOTIFY_ENV: the webhook URL carries its secret, so it is only ever a Key Vault
  // reference (resolved with the managed identity, keyVaultReferenceIdentity below).
  NOTIFY_WEBHOOK_URL: empty(notifyWebhookSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${notifyWebhookSecretUri})'
  NOTIFY_WEBHOOK_FORMAT: notifyWebhookFormat
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      // Closed: the API is called by admins' tools (curl, scripts), never by a browser page
      // on another origin.
      cors: {
        allowedOrigins: []
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '20'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // App Service Authentication ("Easy Auth"): every request needs a Microsoft Entra token for
  // the API app registration; anything else gets 401 before it reaches a function. The
  // validated caller arrives in x-ms-client-principal (parsed by shared/auth). API only: no
  // login redirects, no token store, hence no client secret.
  resource auth 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'Return401'
      }
      httpSettings: {
        requireHttps: true
        forwardProxy: {
          convention: 'NoProxy'
        }
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: authClientId
            // The issuer of the v1.0 access tokens entra-app.bicep asks for (public cloud).
            openIdIssuer: 'https://sts.windows.net/${tenant().tenantId}/'
          }
          validation: {
            allowedAudiences: authAudiences
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
    }
  }

  // No publishing user names and passwords: deployments go through azd with Entra ID.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
