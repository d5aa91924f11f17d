// Example alert: a rollout paused (a broad failure or an MFA outage). The app counts every
// notification event as the OpenTelemetry metric ca_rollout_events with a `kind` dimension
// (shared/telemetry/rollout-telemetry.ts); the Azure Monitor distro sends it to Application
// Insights' customMetrics table. Deployed only when main.bicep's enablePausedRolloutAlert is true.
param name string
param location string = resourceGroup().location
param tags object = {}
param applicationInsightsId string
@description('Action group to notify; empty: the alert fires in the portal only.')
param actionGroupId string = ''

resource alert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    displayName: 'CA wave rollout paused'
    description: 'A Conditional Access wave rollout paused: its health gate failed broadly or sign-ins failed beyond the wave (an MFA outage). Read its status and audit before resuming.'
    severity: 2
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "ca_rollout_events" | extend kind = tostring(customDimensions.kind), rollout = tostring(customDimensions.rollout) | where kind == "pause" | summarize pauses = sum(valueSum) by rollout'
          timeAggregation: 'Total'
          metricMeasureColumn: 'pauses'
          dimensions: [
            {
              name: 'rollout'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: empty(actionGroupId) ? [] : [actionGroupId]
    }
  }
}

output id string = alert.id
