# Sourced by the benchmark scripts: builds, then starts the sample systems and the gateway as separate
# Release processes on this machine (GATEWAY_PID, SYSTEMS_PID), and stops them on exit. Expects WORK.
LATENCY_MS="${LATENCY_MS:-0}"
CACHE="${CACHE:-off}"
GATEWAY_URL="http://127.0.0.1:5080"
SYSTEMS="http://127.0.0.1:7101 http://127.0.0.1:7102 http://127.0.0.1:7103 http://127.0.0.1:7104"
API_KEY=load-benchmark-key

dotnet build -c Release -v q -nologo CrmFederation.sln >/dev/null
BENCH="dotnet tests/CrmFederation.Benchmarks/bin/Release/net10.0/CrmFederation.Benchmarks.dll"

cleanup() { kill "${SYSTEMS_PID:-}" "${GATEWAY_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet src/CrmFederation.SampleSystems/bin/Release/net10.0/CrmFederation.SampleSystems.dll \
  --latency-ms "$LATENCY_MS" >"$WORK/systems.log" 2>&1 &
SYSTEMS_PID=$!

export CRMFED_CRM_BASE_URL=http://127.0.0.1:7101 CRMFED_CRM_CLIENT_ID=crm-client CRMFED_CRM_CLIENT_SECRET=crm-secret
export CRMFED_ERP_BASE_URL=http://127.0.0.1:7102 CRMFED_ERP_USER=erp-user CRMFED_ERP_PASSWORD=erp-password
export CRMFED_HELPDESK_BASE_URL=http://127.0.0.1:7103 CRMFED_HELPDESK_TOKEN=helpdesk-token
export CRMFED_COMMERCE_BASE_URL=http://127.0.0.1:7104 CRMFED_COMMERCE_TOKEN=commerce-token
export Logging__LogLevel__Default=Warning
# access.json's JWT settings need a signing key; the benchmarks send API keys only.
export CRMFED_JWT_SIGNING_KEY="$(head -c 32 /dev/urandom | base64)"
# API_ROLES (a JSON array, default ["admin"]) gives the benchmark key other roles too, e.g. the analyst's larger page.
export CRMFED_API_KEYS="[{\"name\":\"load-benchmark\",\"sha256\":\"$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)\",\"roles\":${API_ROLES:-[\"admin\"]}}]"
export Gateway__Cache__Enabled=$([ "$CACHE" = on ] && echo true || echo false)
(cd src/CrmFederation.Gateway/bin/Release/net10.0 && exec dotnet CrmFederation.Gateway.dll --urls "$GATEWAY_URL") >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!

for _ in $(seq 1 100); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' -H "X-Api-Key: $API_KEY" -d '{"query":"{__typename}"}' "$GATEWAY_URL/graphql" && break
  sleep 0.2
done
