#!/usr/bin/env bash
# Prints the absolute path of every jar in test/harness/test-jars.lock, one per line, in lock order, after
# checking its SHA-256 against the lock. Messages go to stderr.
#   TEST_JARS_DIR set: the jars are taken from that folder (named artifactId-version.jar); nothing is fetched,
#                      no network is used (air-gapped machines).
#   otherwise:         they are kept in .cache/test-jars (outside git), fetched once with `mvn dependency:copy`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
readonly lock="$root/test/harness/test-jars.lock"
# The plugin is pinned too, so a fetch never has to ask which plugin version is current.
readonly DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

fail() {
    echo "test-jars: $*" >&2
    exit 1
}

sha256_of() {
    sha256sum "$1" | cut -d' ' -f1
}

# Fetches one artifact into a private temporary folder, checks it, then moves it into the cache, so a
# concurrent run never sees half a jar and a bad download never lands in the cache.
fetch() {
    local coords=$1 expected=$2 name=$3 cache=$4
    command -v mvn >/dev/null \
        || fail "mvn not found: install Maven, or set TEST_JARS_DIR to a folder holding $name"
    local tmp
    tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
    echo "test-jars: fetching $coords" >&2
    # Maven's own output is shown only when it fails.
    if ! (cd "$tmp" && mvn -B -q -Dstyle.color=never "$DEPENDENCY_PLUGIN:copy" \
            -Dartifact="$coords" -DoutputDirectory="$tmp" > "$tmp/mvn.log" 2>&1); then
        cat "$tmp/mvn.log" >&2
        rm -rf "$tmp"
        fail "mvn could not fetch $coords; check the network or Maven settings, or set TEST_JARS_DIR"
    fi
    local actual
    actual=$(sha256_of "$tmp/$name")
    if [[ "$actual" != "$expected" ]]; then
        rm -rf "$tmp"
        fail "SHA-256 mismatch for freshly fetched $coords: lock says $expected, got $actual." \
            "Do not use it; if you changed the version on purpose, check the new hash and update $lock."
    fi
    mv "$tmp/$name" "$cache/$name"
    rm -rf "$tmp"
}

[[ -f "$lock" ]] || fail "lock file $lock is missing"
if [[ -n "${TEST_JARS_DIR:-}" ]]; then
    [[ -d "$TEST_JARS_DIR" ]] || fail "TEST_JARS_DIR=$TEST_JARS_DIR is not a folder"
    dir=$(cd "$TEST_JARS_DIR" && pwd)
else
    dir="$root/.cache/test-jars"
    mkdir -p "$dir"
fi

count=0
while read -r coords expected extra; do
    [[ -z "$coords" || "$coords" == \#* ]] && continue
    IFS=: read -r group artifact version <<< "$coords"
    if [[ -z "$group" || -z "$artifact" || -z "$version" || ! "$expected" =~ ^[0-9a-f]{64}$ || -n "$extra" ]]; then
        fail "bad line in $lock: '$coords $expected $extra'; expected 'groupId:artifactId:version sha256'"
    fi
    name="$artifact-$version.jar"
    if [[ ! -f "$dir/$name" ]]; then
        [[ -n "${TEST_JARS_DIR:-}" ]] && fail "TEST_JARS_DIR=$dir has no $name; copy it there ($coords)"
        fetch "$coords" "$expected" "$name" "$dir"
    fi
    actual=$(sha256_of "$dir/$name")
    if [[ "$actual" != "$expected" ]]; then
        fail "SHA-256 mismatch for $dir/$name: lock says $expected, file has $actual." \
            "Refusing to use it; replace it with the published jar (or delete it from the cache to fetch" \
            "it again), or fix the lock if the version changed."
    fi
    echo "$dir/$name"
    count=$((count + 1))
done < "$lock"
[[ $count -gt 0 ]] || fail "$lock names no jars"
