#!/usr/bin/env bash
# Grants the function app's managed identity its Microsoft Graph application permissions, for
# deployments run with grantGraphPermissions=false (GRANT_GRAPH_PERMISSIONS=false), i.e. when the
# deployer may not grant app roles. Run it as a Privileged Role Administrator (or Global
# Administrator) after `azd provision`:
#
#   az login --tenant <tenant-id>
#   infra/scripts/grant-graph-permissions.sh <managed-identity-principal-id>
#
# The principal id is the azd output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID
# (`azd env get-value AZURE_MANAGED_IDENTITY_PRINCIPAL_ID`). The permission list is read from
# infra/graph-permissions.json, the same file the Bicep template uses. Idempotent: permissions
# already granted are reported and skipped. Needs az (logged in) and jq.
set -euo pipefail

principal_id="${1:-${AZURE_MANAGED_IDENTITY_PRINCIPAL_ID:-}}"
if [[ -z "$principal_id" ]]; then
  echo "usage: $0 <managed-identity-principal-id>  (or set AZURE_MANAGED_IDENTITY_PRINCIPAL_ID)" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
permissions_file="$here/../graph-permissions.json"
graph="https://graph.microsoft.com/v1.0"

resource_app_id="$(jq -r '.resourceAppId' "$permissions_file")"
mapfile -t wanted < <(jq -r '.appRoles[].value' "$permissions_file")

graph_sp="$(az rest --method GET \
  --url "$graph/servicePrincipals(appId='$resource_app_id')?\$select=id,appRoles" -o json)"
graph_sp_id="$(jq -r '.id' <<<"$graph_sp")"

existing="$(az rest --method GET \
  --url "$graph/servicePrincipals/$principal_id/appRoleAssignments?\$select=appRoleId,resourceId" -o json)"

for permission in "${wanted[@]}"; do
  role_id="$(jq -r --arg v "$permission" \
    '.appRoles[] | select(.value == $v and (.allowedMemberTypes | index("Application"))) | .id' <<<"$graph_sp")"
  if [[ -z "$role_id" ]]; then
    echo "error: Microsoft Graph has no application permission named $permission" >&2
    exit 1
  fi
  if jq -e --arg r "$role_id" --arg s "$graph_sp_id" \
    '.value[] | select(.appRoleId == $r and .resourceId == $s)' <<<"$existing" >/dev/null; then
    echo "already granted: $permission"
    continue
  fi
  az rest --method POST \
    --url "$graph/servicePrincipals/$principal_id/appRoleAssignments" \
    --headers "Content-Type=application/json" \
    --body "$(jq -cn --arg p "$principal_id" --arg r "$graph_sp_id" --arg a "$role_id" \
      '{principalId: $p, resourceId: $r, appRoleId: $a}')" >/dev/null
  echo "granted: $permission"
done
