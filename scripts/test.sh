#!/usr/bin/env bash
# Runs every test of the solution. Installs and starts what the tests need (redis-server for the
# cache tests, chromium for the browser tests), so it works on a fresh Debian machine with the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (https://dot.net); install it and run this again." >&2
  exit 1
fi

# The cache tests start their own redis-server (loopback, random port, no persistence).
if ! command -v redis-server >/dev/null; then
  echo "Installing redis-server (Debian package) for the cache tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

# The browser tests drive Debian's chromium through Playwright; Playwright's own browser download is
# never used (these machines cannot download browsers).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (Debian package) for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test CrmFederation.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"
