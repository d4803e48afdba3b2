#!/usr/bin/env bash
# Proves the build is reproducible: builds the jar twice from clean, once here and once in a fresh copy of
# the sources at another path, prints both SHA-256 and fails if they differ. build.sh runs its jdeps check
# on each build. The jar from the first build is left in build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
readonly jar=build/mcp-server-alipay.jar

rm -rf build
./build.sh
first=$(sha256sum "$jar" | cut -d' ' -f1)

copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -R src build.sh "$copy/"
"$copy/build.sh"
second=$(sha256sum "$copy/$jar" | cut -d' ' -f1)

echo "build 1 ($root): $first"
echo "build 2 ($copy): $second"
if [[ "$first" != "$second" ]]; then
    echo "check: the two builds differ; compare them with: unzip -lv on both jars, then javap -v on the entry that differs" >&2
    echo "check: (kept the second jar as build/second.jar)" >&2
    cp "$copy/$jar" build/second.jar
    exit 1
fi
echo "check: reproducible: both builds give the same jar"
