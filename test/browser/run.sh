#!/usr/bin/env bash
# The simulator's cashier page in a real browser: Debian's chromium, driven by playwright-core (npm,
# pinned by package-lock.json, installed under .cache/browser), opens a signed page-pay URL, presses
# Pay, lands on the return URL and confirms the payment with a signed query (cashier.mjs).
# Skips (exit 0, saying why) only where chromium cannot be installed. Run by `make interop`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
here=test/browser
chromium=${CHROMIUM:-/usr/bin/chromium}

install_with_apt() {
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "browser test: installing $* with apt-get" >&2
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >&2 || true
    fi
}

[[ -x "$chromium" ]] || install_with_apt chromium
if [[ ! -x "$chromium" ]]; then
    echo "browser test: SKIPPED: $chromium is missing and cannot be installed here (needs root and apt-get install chromium)"
    exit 0
fi
command -v node >/dev/null || install_with_apt nodejs npm
command -v node >/dev/null || { echo "browser test: node is missing; install nodejs (>= 20)" >&2; exit 1; }

# playwright-core from the lock file, outside the source tree; reinstalled when the lock changes.
modules="$root/.cache/browser"
mkdir -p "$modules"
if ! cmp -s "$here/package-lock.json" "$modules/package-lock.json" || [[ ! -d "$modules/node_modules/playwright-core" ]]; then
    cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$modules/"
    (cd "$modules" && npm ci --ignore-scripts --no-audit --no-fund >&2)
fi

jar="$root/build/mcp-server-alipay.jar"
[[ -f "$jar" ]] || ./build.sh >&2

work=$(mktemp -d)
sim_pid=""
cleanup() {
    if [[ -n "$sim_pid" ]]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

java -jar "$jar" simulator --keys "$work/keys" >"$work/simulator.out" 2>"$work/simulator.err" &
sim_pid=$!
gateway=""
for _ in $(seq 1 300); do
    gateway=$(sed -n 's/.*gateway=\([^ ]*\).*/\1/p' "$work/simulator.out")
    [[ -n "$gateway" ]] && break
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "$gateway" ]]; then
    echo "browser test: the simulator did not start:" >&2
    cat "$work/simulator.err" >&2
    exit 1
fi
echo "browser test: simulator at $gateway" >&2
CHROMIUM="$chromium" node "$here/cashier.mjs" "$gateway" "$work/keys" "$modules/node_modules"
