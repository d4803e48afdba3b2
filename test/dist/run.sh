#!/usr/bin/env bash
# make dist-test: make dist is reproducible, its checksums hold, the official MCPB CLI validates and unpacks
# the bundle, and the command that the CLI's own config code derives from the unpacked manifest (as a
# desktop client would run it) starts the bundled jar, here with --simulator, and lists the five tools.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
fail() {
    echo "dist-test: FAILED: $*" >&2
    exit 1
}

out=$(bash dist-tools/dist.sh 2>&1) || { printf '%s\n' "$out" >&2; fail "make dist failed (its output is above)"; }
first=$(cd dist && sha256sum ./*)
bash dist-tools/dist.sh >/dev/null 2>&1
second=$(cd dist && sha256sum ./*)
[[ "$first" == "$second" ]] || fail "two runs of make dist differ:"$'\n'"$first"$'\n'"$second"
echo "dist-test: two runs of make dist are byte-identical ($(ls dist | wc -l) files)"

(cd dist && sha256sum --quiet -c ./*.sha256) || fail "a .sha256 file in dist/ does not match"
cmp -s dist/mcp-server-alipay-*.jar build/mcp-server-alipay.jar || fail "the dist jar is not the built jar"

mcpb=dist-tools/node_modules/.bin/mcpb
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mcpb" unpack dist/mcp-server-alipay-*.mcpb "$work/bundle" >/dev/null || fail "the MCPB CLI cannot unpack the bundle"
"$mcpb" validate "$work/bundle/manifest.json" >/dev/null || fail "the unpacked manifest does not validate"
cmp -s "$work/bundle/server/$(basename dist/mcp-server-alipay-*.jar)" build/mcp-server-alipay.jar \
    || fail "the bundle's server/ jar is not the built jar"
echo "dist-test: the MCPB CLI validates and unpacks the bundle"

java_path=$(command -v java)
if [[ -n "${JAVA_HOME:-}" ]]; then java_path=$JAVA_HOME/bin/java; fi
export DIST_TEST_MCPB="$root/dist-tools/node_modules/@anthropic-ai/mcpb/dist/index.js" DIST_TEST_BUNDLE="$work/bundle" DIST_TEST_JAVA="$java_path" DIST_TEST_HOME="$work/home"
mkdir -p "$work/home"
node --input-type=module - <<'JS' || fail "the bundle's command did not list the five tools (see above)"
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

// The config code of the pinned CLI package: variable substitution as the MCPB reference implements it.
const { getMcpConfigForManifest } = await import(pathToFileURL(process.env.DIST_TEST_MCPB).href);

const dir = process.env.DIST_TEST_BUNDLE;
const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, "utf8"));
// What a user fills in: the three required keys (never read under --simulator) and the Java path.
const userConfig = { java_path: process.env.DIST_TEST_JAVA, AP_APP_ID: "2021000000000000",
  AP_APP_KEY: "unused-under-simulator", AP_PUB_KEY: "unused-under-simulator", AP_LOG_ENABLED: false };
const config = await getMcpConfigForManifest({ manifest, extensionPath: dir, systemDirs: { HOME: process.env.DIST_TEST_HOME },
  userConfig, pathSeparator: "/" });
if (!config) throw new Error("the CLI's config code gave no command (a required field unfilled?)");
const leftOver = JSON.stringify(config).match(/\$\{[^}]*\}/);
if (leftOver) throw new Error(`unreplaced ${leftOver[0]} in the command or its environment`);
console.log(`dist-test: the manifest runs ${config.command} ${config.args.join(" ")}`);

const env = { PATH: "/usr/bin:/bin", HOME: process.env.DIST_TEST_HOME, ...config.env };
const child = spawn(config.command, [...config.args, "--simulator"], { env, stdio: ["pipe", "pipe", "inherit"] });
const timer = setTimeout(() => { child.kill(); console.error("dist-test: no answer within 60 s"); process.exit(1); }, 60_000);
const send = (message) => child.stdin.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
send({ id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {},
  clientInfo: { name: "dist-test", version: "1" } } });
for await (const line of createInterface({ input: child.stdout })) {
  const reply = JSON.parse(line);
  if (reply.id === 1) {
    send({ method: "notifications/initialized" });
    send({ id: 2, method: "tools/list" });
  } else if (reply.id === 2) {
    const names = reply.result.tools.map((t) => t.name).join(",");
    const expected = "create-mobile-alipay-payment,create-web-page-alipay-payment,query-alipay-payment,"
      + "refund-alipay-payment,query-alipay-refund";
    if (names !== expected) throw new Error(`tools/list gave ${names}`);
    console.log("dist-test: the bundled jar listed the five tools");
    clearTimeout(timer);
    child.stdin.end();
    break;
  }
}
const status = await new Promise((done) => child.on("exit", done));
if (status !== 0) throw new Error(`the server exited with status ${status} after stdin closed`);
JS
grep -q '"fileSha256": "'"$(cut -d' ' -f1 dist/*.mcpb.sha256)"'"' dist/server.json \
    || fail "server.json does not carry the bundle's SHA-256"
echo "dist-test: OK"
