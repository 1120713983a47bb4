#!/usr/bin/env bash
# Export benchmark: walks all 10,000 customers by cursor with the customer-360 fields, as a BI tool's full
# export does, once at first:100 and once at the analyst's larger page (gateway.json limits.byRole.analyst.
# maxPageSize; the benchmark key has the admin and analyst roles). For each walk it prints pages/s per decile
# of the walk (steady speed: the deciles should be alike), the gateway's RSS at the start and the end (flat
# memory), and upstream calls per page (from the cost extension; the batching minimum). Then an incremental
# refresh: where: { updatedAt: { gt: … } }, which the CRM applies as updatedAfter (the explain extension says so).
#
#   tests/CrmFederation.Benchmarks/export.sh
#   PAGE_SIZES="100" tests/CrmFederation.Benchmarks/export.sh    # only first:100
#   MAX_PAGES=20 tests/CrmFederation.Benchmarks/export.sh        # a short run, to see that it works
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK="$(mktemp -d)"
export API_ROLES='["admin","analyst"]'
# shellcheck source=processes.sh
. tests/CrmFederation.Benchmarks/processes.sh

ANALYST_PAGE="$(jq -r '.limits.byRole.analyst.maxPageSize // 100' gateway-config/gateway.json)"
PAGE_SIZES="${PAGE_SIZES:-100 $ANALYST_PAGE}"
MAX_PAGES="${MAX_PAGES:-1000}"
QUERY='query Export($first: Int!, $after: String) { customers(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name segment country primaryEmail createdAt updatedAt contacts { id firstName lastName email title } billing { accountNumber legalName creditStatus creditLimit { amount currency } } invoices(status: OPEN) { number issueDate dueDate amount { amount currency } status } tickets(status: [OPEN, PENDING]) { id subject status priority createdAt satisfaction } shopper { id email ordersCount totalSpent { amount currency } } orders(first: 5) { id name createdAt totalPrice { amount currency } financialStatus fulfillmentStatus } } } }'

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$GATEWAY_PID/status"; }
now_ms() { date +%s%3N; }
post() { curl -sf -H 'Content-Type: application/json' -H "X-Api-Key: $API_KEY" -d "$1" "$GATEWAY_URL/graphql"; }

walk() {
  local first=$1 after=null page=0 calls=0 rows=0 start body
  : >"$WORK/times"
  echo "first: $first — RSS at start: $(rss_mib) MiB"
  start=$(now_ms)
  while [ "$page" -lt "$MAX_PAGES" ]; do
    body=$(post "$(jq -cn --arg q "$QUERY" --argjson first "$first" --argjson after "$after" '{query: $q, variables: {first: $first, after: $after}, extensions: {cost: true}}')")
    if [ "$(jq '.errors | length' <<<"$body")" != 0 ]; then echo "errors: $(jq -c '.errors[0]' <<<"$body")" >&2; exit 1; fi
    page=$((page + 1))
    rows=$((rows + $(jq '.data.customers.nodes | length' <<<"$body")))
    calls=$((calls + $(jq '.extensions.cost.upstreamCalls' <<<"$body")))
    echo "$(now_ms)" >>"$WORK/times"
    [ "$(jq '.data.customers.pageInfo.hasNextPage' <<<"$body")" = true ] || break
    after=$(jq '.data.customers.pageInfo.endCursor' <<<"$body")
  done
  awk -v start="$start" -v pages="$page" '
    { t[NR] = $1 }
    END {
      printf "  pages/s by decile:";
      for (d = 1; d <= 10; d++) {
        from = int((d - 1) * pages / 10); to = int(d * pages / 10);
        if (to <= from) continue;
        begin = from == 0 ? start : t[from];
        printf " %.1f", (to - from) * 1000 / (t[to] - begin);
      }
      printf "\n";
    }' "$WORK/times"
  echo "  $page pages, $rows customers in $(( ($(now_ms) - start) / 1000 )) s; upstream calls per page: $(awk -v c="$calls" -v p="$page" 'BEGIN { printf "%.1f", c / p }'); RSS at end: $(rss_mib) MiB"
}

for first in $PAGE_SIZES; do
  walk "$first"
done

SINCE="2026-01-25T00:00:00Z"
echo "incremental refresh: customers updated after $SINCE"
body=$(post "$(jq -cn --arg since "$SINCE" '{query: "query($since: DateTime) { customers(first: 100, where: { updatedAt: { gt: $since } }, order: [{ field: UPDATED_AT }]) { totalCount nodes { id updatedAt } } }", variables: {since: $since}, extensions: {explain: true}}')")
echo "  $(jq '.data.customers.totalCount' <<<"$body") customers; sent to the CRM: $(jq -c "[.extensions.explain.lists[0].pushedDown[].parameters]" <<<"$body"); upstream calls: $(jq '.extensions.explain.upstreamCalls' <<<"$body")"
