#!/usr/bin/env bash
# CrmFederation side by side with the peer gateways of PEERS_DIR (Tailcall, GraphQL Mesh: see its
# README), all in front of the same sample systems, as separate processes on this machine. For each
# of the peers' queries (q1 customer-360, q2 one customer by id, q3 100 customers CRM-only) every
# gateway gets the same per-request variation (its `# bench-vars:` line) from wrk with 16
# connections; upstream calls per request come from the systems' /_sim/stats. Each gateway's answers
# are checked against expectations computed from the systems' REST data (a shopper found whatever the
# case of the CRM e-mail, orders(first: 5) applied, every page of tickets). Then customer-360's p50
# with 20 ms upstream latency, and CrmFederation with its cache on. Prints one markdown table.
#
#   tests/CrmFederation.Benchmarks/peers.sh
#   DURATION=5s WARMUP=2s PEERS="tailcall" tests/CrmFederation.Benchmarks/peers.sh
#
# The peers are installed (npm ci) into PEERS_CACHE, outside the repository, never into it.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$PWD"

PEERS_DIR="${PEERS_DIR:-$REPO/../shared/peers}"
[ -f "$PEERS_DIR/README.md" ] || { echo "No peer setups at $PEERS_DIR: set PEERS_DIR to the folder holding tailcall/, mesh/ and queries/." >&2; exit 2; }
PEERS_DIR="$(cd "$PEERS_DIR" && pwd)"
PEERS_CACHE="${PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crmfed-peers}"
PEERS="${PEERS:-tailcall mesh}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
CONNECTIONS=16
WORK="$(mktemp -d)"
LATENCY_MS=0
CACHE=off

SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
command -v wrk >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }
command -v jq >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq jq >/dev/null; }

# shellcheck source=processes.sh
. tests/CrmFederation.Benchmarks/processes.sh

# Processes started here run in sessions of their own (Mesh forks workers); each session leader
# writes its pid to WORK/*.group, and the whole group is stopped on exit.
in_own_group() { # name command… (run in the background)
  local name=$1
  shift
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$WORK/$name.group" "$@"
}
stop_all() {
  local groups=()
  for group in "$WORK"/*.group; do [ -s "$group" ] && groups+=("-$(cat "$group")"); done
  if [ ${#groups[@]} -gt 0 ]; then
    kill -- "${groups[@]}" 2>/dev/null
    sleep 2 # Mesh does not end on SIGTERM
    kill -KILL -- "${groups[@]}" 2>/dev/null
  fi
  cleanup
}
trap stop_all EXIT

CRM=http://127.0.0.1:7101 ERP=http://127.0.0.1:7102 HELPDESK=http://127.0.0.1:7103 COMMERCE=http://127.0.0.1:7104
CRM_TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=crm-client -d client_secret=crm-secret "$CRM/oauth/token" | jq -r .access_token)

# CrmFederation with its cache on, next to the one processes.sh started (cache off, port 5080).
CACHED_URL=http://127.0.0.1:5081
(cd src/CrmFederation.Gateway/bin/Release/net10.0 && Gateway__Cache__Enabled=true in_own_group gateway-cached dotnet CrmFederation.Gateway.dll --urls "$CACHED_URL") >"$WORK/gateway-cached.log" 2>&1 &

# Starts a peer from its copy in PEERS_CACHE (npm ci there when its lock file changed). The copy keeps
# the layout around it: Mesh reads ../../unified-schema.graphql, the shared folder's public schema.
start_peer() {
  local name=$1 copy="$PEERS_CACHE/peers/$1"
  mkdir -p "$copy"
  find "$PEERS_DIR/.." -maxdepth 1 -type f -exec cp -f {} "$PEERS_CACHE/" \;
  find "$PEERS_DIR/$name" -maxdepth 1 -type f -exec cp -f {} "$copy/" \;
  chmod -R u+w "$PEERS_CACHE"
  if ! cmp -s "$copy/package-lock.json" "$copy/.installed-lock"; then
    (cd "$copy" && npm ci --no-audit --no-fund >"$WORK/$name-npm.log" 2>&1) || { echo "npm ci failed for $name: $WORK/$name-npm.log" >&2; return 1; }
    cp "$copy/package-lock.json" "$copy/.installed-lock"
  fi
  (cd "$copy" && CRM_URL=$CRM ERP_URL=$ERP HELPDESK_URL=$HELPDESK COMMERCE_URL=$COMMERCE CRM_TOKEN=$CRM_TOKEN \
    ERP_BASIC=$(printf %s erp-user:erp-password | base64) HELPDESK_TOKEN=helpdesk-token COMMERCE_TOKEN=commerce-token \
    in_own_group "$name" ./start.sh) >"$WORK/$name.log" 2>&1 &
}

# gateway name, GraphQL URL, X-Api-Key (empty: none)
GATEWAYS=("crmfed $GATEWAY_URL/graphql $API_KEY")
for peer in $PEERS; do
  start_peer "$peer"
  GATEWAYS+=("$peer $(jq -r .url "$PEERS_DIR/$peer/peer.json") -")
done

ask() { # url key body → answer
  local auth=()
  [ "$2" != - ] && auth=(-H "X-Api-Key: $2")
  curl -s -m 120 -H 'Content-Type: application/json' "${auth[@]}" -d "$3" "$1"
}

for gateway in "${GATEWAYS[@]}"; do
  read -r name url key <<<"$gateway"
  for _ in $(seq 1 600); do
    ask "$url" "$key" '{"query":"{__typename}"}' | grep -q __typename && break
    sleep 0.5
  done
  ask "$url" "$key" '{"query":"{__typename}"}' | grep -q __typename || { echo "$name did not start; its log: $WORK/$name.log" >&2; tail -20 "$WORK/$name.log" >&2; exit 1; }
done

for _ in $(seq 1 100); do ask "$CACHED_URL/graphql" "$API_KEY" '{"query":"{__typename}"}' | grep -q __typename && break; sleep 0.2; done

query_file() { # gateway query-name → the gateway's version of the query
  if [ "$1" = tailcall ] && [ -f "$PEERS_DIR/queries/tailcall/$2" ]; then echo "$PEERS_DIR/queries/tailcall/$2"; else echo "$PEERS_DIR/queries/$2"; fi
}

# One JSON body per line, each a different page or customer as the query's bench-vars say, in the same order for every gateway.
bodies() { # url key query-file
  local url=$1 key=$2 file=$3 query vars
  query=$(cat "$file")
  vars=$(sed -n 's/^# bench-vars: *//p' "$file")
  case "$vars" in
    after=cursors)
      local first after="" page
      first=$(grep -o 'first: *[0-9]*' "$file" | head -1 | grep -o '[0-9]*')
      while :; do
        jq -cn --arg q "$query" --arg after "$after" '{query: $q, variables: {after: (if $after == "" then null else $after end)}}'
        page=$(ask "$url" "$key" "$(jq -cn --argjson first "$first" --arg after "$after" \
          '{query: "query($first: Int, $after: String) { customers(first: $first, after: $after) { pageInfo { hasNextPage endCursor } } }",
            variables: {first: $first, after: (if $after == "" then null else $after end)}}')")
        after=$(jq -r '.data.customers.pageInfo | if .hasNextPage and (.endCursor // "") != "" then .endCursor else "" end' <<<"$page")
        [ -n "$after" ] || break
      done | head -n -1 # the last page is short: every request asks a full one
      ;;
    id=sample-ids)
      for n in $(seq 56 50 10000); do jq -cn --arg q "$query" --arg id "$(printf 'C-%06d' "$n")" '{query: $q, variables: {id: $id}}'; done
      ;;
    *) jq -cn --arg q "$query" '{query: $q}' ;;
  esac
}

lua_script() { # key bodies-file → a wrk script rotating through the bodies
  local key=$1
  echo "local headers = { [\"Content-Type\"] = \"application/json\" }"
  [ "$key" != - ] && echo "headers[\"X-Api-Key\"] = [==[$key]==]"
  echo "local bodies = {"
  sed 's/^/  [==[/; s/$/]==],/' "$2"
  echo "}"
  cat <<'LUA'
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end
local i = 0
function init(args) i = offset or 0 end
function request()
  i = i + 1
  return wrk.format("POST", nil, headers, bodies[(i % #bodies) + 1])
end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then errors = (errors or 0) + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("errors") or 0) end
  io.stderr:write("answers with errors: " .. total .. "\n")
end
LUA
}

upstream_total() { local total=0; for system in $SYSTEMS; do total=$((total + $(curl -sf "$system/_sim/stats" | jq .total))); done; echo "$total"; }

# Runs wrk against one gateway with one script; prints "req/s p50 upstream-calls-per-request".
measure() { # url lua-file
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$2" "$1" >/dev/null 2>&1
  local before after out
  before=$(upstream_total)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$1" 2>"$2.err")
  after=$(upstream_total)
  awk -v a="$after" -v b="$before" '/requests in/ {n=$1} /Requests\/sec/ {r=$2} $1=="50%" {p=$2}
    END { printf "%s %s %.2f\n", r, p, (n > 0 ? (a-b)/n : 0) }' <<<"$out"
}

QUERIES="q1-customer360.graphql q2-customer-by-id.graphql q3-customers-crm-only.graphql"
declare -A RPS P50 CALLS FAILED SCRIPT
for gateway in "${GATEWAYS[@]}"; do
  read -r name url key <<<"$gateway"
  for q in $QUERIES; do
    bodies "$url" "$key" "$(query_file "$name" "$q")" >"$WORK/$name-$q.bodies"
    lua_script "$key" "$WORK/$name-$q.bodies" >"$WORK/$name-$q.lua"
    SCRIPT[$name-$q]="$WORK/$name-$q.lua"
  done
done

# --- correctness, against the sample systems' own REST answers ---
crm() { curl -sf -H "Authorization: Bearer $CRM_TOKEN" "$CRM$1"; }
commerce() { curl -sf -H "X-Shopify-Access-Token: commerce-token" "$COMMERCE$1"; }

# The first CRM customer (in pages of 100) whose e-mail passes the jq filter and whose shop customer
# passes the second: prints its id and its newest five orders' ids.
find_customer() { # email-filter shopper-filter
  local after="" page emails shopper id
  while :; do
    page=$(crm "/crm/v3/customers?limit=100${after:+&after=$after}")
    emails=$(jq -r "[.results[] | select(.primaryEmail != null) | .primaryEmail | select($1)][:50] | map(ascii_downcase) | join(\",\")" <<<"$page")
    shopper=$( [ -z "$emails" ] || commerce "/admin/api/2025-01/customers.json?emails=$emails" | jq -c "[.customers[] | select($2)][0] // empty")
    if [ -n "$shopper" ]; then
      id=$(jq -r --arg email "$(jq -r .email <<<"$shopper")" '[.results[] | select((.primaryEmail // "" | ascii_downcase) == $email) | .id][0]' <<<"$page")
      echo "$id $(commerce "/admin/api/2025-01/orders.json?customer_ids=$(jq -r .id <<<"$shopper")&limit=250" | jq -c '[.orders[:5][].id | tostring] | sort')"
      return
    fi
    after=$(jq -r '.paging.next.after // empty' <<<"$page")
    [ -n "$after" ] || return 1
  done
}
# The shop stores e-mails lower case; about a third of the CRM's are not.
read -r CASE_ID CASE_ORDERS < <(find_customer '. != ascii_downcase' '.orders_count > 0 and .orders_count <= 5')
read -r FIRST_ID FIRST_ORDERS < <(find_customer '. == ascii_downcase' '.orders_count > 5')
helpdesk() { curl -sf -H "Authorization: Bearer helpdesk-token" "$1"; }

# The first customer whose helpdesk organization has more tickets than a page holds (100): the peers'
# paging check names one, but which customer that is depends on the sample data. Prints its id and count.
find_paged_customer() {
  local first ids organizations url page
  for first in $(seq 1 100 10000); do
    ids=$(seq "$first" $((first + 99)) | xargs printf 'C-%06d,' | sed 's/,$//')
    organizations=$(helpdesk "$HELPDESK/api/v2/organizations/show_many?external_ids=$ids")
    url="$HELPDESK/api/v2/tickets?organization_ids=$(jq -r '[.organizations[].id] | join(",")' <<<"$organizations")&per_page=100"
    while [ -n "$url" ]; do
      page=$(helpdesk "$url")
      jq -r '.tickets[].organization_id' <<<"$page"
      url=$(jq -r '.next_page // empty' <<<"$page")
    done | sort | uniq -c | awk '$1 > 100 { print $2, $1; exit }' >"$WORK/paged"
    if [ -s "$WORK/paged" ]; then
      read -r organization tickets <"$WORK/paged"
      echo "$(jq -r --argjson id "$organization" '.organizations[] | select(.id == $id) | .external_id' <<<"$organizations") $tickets"
      return
    fi
  done
}
read -r PAGING_ID PAGING_TICKETS < <(find_paged_customer)

# The first array under a property of that name, wherever the gateway's version of the query put it.
array_of() { jq -c --arg name "$1" '[.. | objects | select(has($name)) | .[$name] | arrays][0] // []'; }

orders_of() { # url key gateway customer-id → the ids of the customer's orders in q2's answer, sorted
  ask "$1" "$2" "$(jq -cn --arg q "$(cat "$(query_file "$3" q2-customer-by-id.graphql)")" --arg id "$4" '{query: $q, variables: {id: $id}}')" \
    | array_of orders | jq -c 'map(.id | tostring) | sort'
}

for gateway in "${GATEWAYS[@]}"; do
  read -r name url key <<<"$gateway"
  failed=()
  for q in $QUERIES; do
    answer=$(ask "$url" "$key" "$(head -1 "$WORK/$name-$q.bodies")")
    jq -e '.data != null and (.errors // [] | length) == 0' >/dev/null <<<"$answer" || failed+=("${q%%-*} errors")
  done
  [ "$(orders_of "$url" "$key" "$name" "$CASE_ID")" = "$CASE_ORDERS" ] || failed+=("e-mail case")
  [ "$(orders_of "$url" "$key" "$name" "$FIRST_ID")" = "$FIRST_ORDERS" ] || failed+=("orders first:5")
  tickets=$(ask "$url" "$key" "$(jq -cn --arg q "$(sed "s/C-001727/$PAGING_ID/" "$(query_file "$name" checks/paging.graphql)")" '{query: $q}')" | array_of tickets | jq length)
  [ "$tickets" = "$PAGING_TICKETS" ] || failed+=("ticket pages ($tickets of $PAGING_TICKETS)")
  FAILED[$name]=$( [ ${#failed[@]} = 0 ] && echo "all pass" || (IFS=,; echo "fails: ${failed[*]}" | sed 's/,/, /g'))
done

# --- throughput, 0 ms upstreams, cache off ---
for q in $QUERIES; do
  for gateway in "${GATEWAYS[@]}"; do
    read -r name url key <<<"$gateway"
    read -r "RPS[$name-$q]" "P50[$name-$q]" "CALLS[$name-$q]" < <(measure "$url" "${SCRIPT[$name-$q]}")
    echo "measured $name $q: ${RPS[$name-$q]} req/s, p50 ${P50[$name-$q]}, $(cat "${SCRIPT[$name-$q]}.err")" >&2
  done
done

# --- customer-360 with every upstream answer 20 ms late ---
for system in $SYSTEMS; do curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"latencyMs":20}' "$system/_sim/faults"; done
declare -A P50_SLOW
for gateway in "${GATEWAYS[@]}"; do
  read -r name url key <<<"$gateway"
  read -r _ "P50_SLOW[$name]" _ < <(measure "$url" "${SCRIPT[$name-q1-customer360.graphql]}")
done
for system in $SYSTEMS; do curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"latencyMs":0}' "$system/_sim/faults"; done

# --- CrmFederation with its cache on (warm after the warm-up pass) ---
declare -A CACHED
for q in $QUERIES; do
  read -r rps _ calls < <(measure "$CACHED_URL/graphql" "${SCRIPT[crmfed-$q]}")
  CACHED[$q]="$rps req/s, $calls calls/request"
done

# --- the table ---
names=(); for gateway in "${GATEWAYS[@]}"; do read -r name _ <<<"$gateway"; names+=("$name"); done
title() { case $1 in crmfed) echo CrmFederation ;; tailcall) echo Tailcall ;; mesh) echo "GraphQL Mesh" ;; *) echo "$1" ;; esac; }
label() { case $1 in q1*) echo "customer-360, 50 rows" ;; q2*) echo "one customer by id, all four systems" ;; q3*) echo "100 customers, CRM only" ;; esac; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a/b; else print "-" }'; }

echo
echo "$(nproc) cores; wrk $CONNECTIONS connections, $DURATION per run after $WARMUP warm-up; varied requests; cache off; 0 ms upstreams unless said"
echo
printf '| query |'; for n in "${names[@]}"; do printf ' %s |' "$(title "$n")"; done; echo ' ratio to the best peer |'
printf '|---|'; for _ in "${names[@]}"; do printf -- '---|'; done; echo '---|'
for q in $QUERIES; do
  best=0; for n in "${names[@]:1}"; do best=$(awk -v a="${RPS[$n-$q]}" -v b="$best" 'BEGIN { print (a > b ? a : b) }'); done
  printf '| %s req/s |' "$(label "$q")"; for n in "${names[@]}"; do printf ' %s |' "${RPS[$n-$q]}"; done; echo " $(ratio "${RPS[crmfed-$q]}" "$best") |"
done
for q in $QUERIES; do
  printf '| upstream calls per request, %s |' "$(label "$q")"; for n in "${names[@]}"; do printf ' %s |' "${CALLS[$n-$q]}"; done; echo ' |'
done
printf '| customer-360 p50, 20 ms upstream latency |'; for n in "${names[@]}"; do printf ' %s |' "${P50_SLOW[$n]}"; done; echo ' |'
printf '| correctness (%s) |' "e-mail case $CASE_ID, orders(first: 5) of $FIRST_ID, $PAGING_TICKETS tickets of $PAGING_ID"; for n in "${names[@]}"; do printf ' %s |' "${FAILED[$n]}"; done; echo ' |'
echo
echo '| CrmFederation | cache off | cache on (warm) |'
echo '|---|---|---|'
for q in $QUERIES; do echo "| $(label "$q") | ${RPS[crmfed-$q]} req/s, ${CALLS[crmfed-$q]} calls/request | ${CACHED[$q]} |"; done
