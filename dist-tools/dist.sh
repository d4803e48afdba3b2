#!/usr/bin/env bash
# make dist: writes dist/ from build/mcp-server-alipay.jar (run ./build.sh first; make dist does):
#   mcp-server-alipay-VERSION.jar and .jar.sha256    the server (sha256sum -c checks it)
#   mcp-server-alipay-VERSION.mcpb and .mcpb.sha256  the MCP Bundle: manifest.json + server/ the jar + LICENSE
#   server.json                                      the MCP Registry entry for the bundle, with its SHA-256
# Reproducible like the jar: the bundle is zipped here with jar (sorted entries, one fixed timestamp);
# the official MCPB CLI (pinned by dist-tools/package-lock.json) validates the manifest and reads the
# bundle back. Its own pack is not used: it stamps every entry with the current time.
# RELEASE_URL: the folder URL the release files will be published at (server.json's identifier);
# REGISTRY_NAME: the server's name in the MCP Registry (reverse-DNS namespace of the publisher).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly ENTRY_DATE=2026-01-01T00:00:00Z # the same instant as build.sh
fail() {
    echo "dist: $*" >&2
    exit 1
}
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java" JAR="$JAVA_HOME/bin/jar"; else JAVA=java JAR=jar; fi
[[ -f build/mcp-server-alipay.jar ]] || fail "no build/mcp-server-alipay.jar; run ./build.sh first (make dist does)"
command -v npm >/dev/null || fail "npm not found: make dist validates the bundle with the MCPB CLI (Node 18+ and npm)"

version=$("$JAVA" -jar build/mcp-server-alipay.jar --version | awk '{print $2}')
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "the jar's --version gave '$version', not a version like 1.0.0"
name=mcp-server-alipay-$version
owner_default=OWNER
release_url=${RELEASE_URL:-https://github.com/$owner_default/mcp-server-alipay/releases/download/v$version}
registry_name=${REGISTRY_NAME:-io.github.$owner_default/mcp-server-alipay}
[[ "$release_url$registry_name" == *"$owner_default"* ]] \
    && echo "dist: note: server.json names the placeholder $owner_default; set RELEASE_URL and REGISTRY_NAME for a release" >&2

# The CLI is a build tool only: installed from the lockfile into dist-tools/node_modules, never shipped.
if [[ ! -x dist-tools/node_modules/.bin/mcpb ]]; then
    (cd dist-tools && npm ci --no-audit --no-fund --ignore-scripts >/dev/null) \
        || fail "could not install the MCPB CLI from dist-tools/package-lock.json (npm ci failed, see above)"
fi
mcpb=$PWD/dist-tools/node_modules/.bin/mcpb

rm -rf dist build/bundle
mkdir -p dist build/bundle/server
cp build/mcp-server-alipay.jar "dist/$name.jar"
cp build/mcp-server-alipay.jar "build/bundle/server/$name.jar"
cp LICENSE build/bundle/LICENSE
sed -e "s/@VERSION@/$version/g" -e "s/@JAR@/$name.jar/g" dist-tools/manifest.json > build/bundle/manifest.json
"$mcpb" validate build/bundle/manifest.json >/dev/null || fail "the MCPB CLI rejects the manifest (see above)"
# manifest.json first, like a jar's manifest; then the rest in byte order.
(cd build/bundle && "$JAR" --create --no-manifest --date="$ENTRY_DATE" --file "../../dist/$name.mcpb" \
    manifest.json LICENSE "server/$name.jar")
"$mcpb" info "dist/$name.mcpb" >/dev/null || fail "the MCPB CLI cannot read dist/$name.mcpb"

# sha256sum (GNU) or shasum -a 256 (macOS): the same "hash  name" line.
sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi
}
(cd dist && sha256 "$name.jar" > "$name.jar.sha256" && sha256 "$name.mcpb" > "$name.mcpb.sha256")
bundle_sha=$(cut -d' ' -f1 "dist/$name.mcpb.sha256")

# One environmentVariables entry per user_config field of the manifest, with the same required/secret marks.
node - "$registry_name" "$version" "$release_url/$name.mcpb" "$bundle_sha" build/bundle/manifest.json \
    > dist/server.json <<'JS'
const [name, version, url, sha, manifestPath] = process.argv.slice(2);
const manifest = JSON.parse(require("fs").readFileSync(manifestPath, "utf8"));
const env = Object.entries(manifest.user_config).filter(([key]) => key.startsWith("AP_")).map(([key, field]) => ({
  name: key,
  description: field.description,
  isRequired: field.required === true,
  isSecret: field.sensitive === true,
  ...(field.type === "file" ? { format: "filepath" } : {}),
}));
const server = {
  $schema: "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
  name,
  title: "Alipay payments",
  description: "Alipay payment links, payment and refund queries, and refunds for agents (Java 17)",
  version,
  packages: [{ registryType: "mcpb", identifier: url, version, fileSha256: sha, transport: { type: "stdio" },
    environmentVariables: env }],
};
process.stdout.write(JSON.stringify(server, null, 2) + "\n");
JS
echo "dist: wrote $(cd dist && ls | tr '\n' ' ')"
