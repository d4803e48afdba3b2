#!/usr/bin/env bash
# Compiles test/alipaymcp against build/classes and the pinned test jars, runs every test with the JUnit
# console launcher, and prints as its last line "N passed, N failed, N skipped". Exits non-zero on any
# failure, or when no test ran. Expects ./build.sh to have run (make test does that first).
# Failing tests are listed (one "failed: Class.method" line each) just above that last line.
# Test JVM properties: repo.dir (repo root; tests find test/vectors, the repository's copies of the
# known-answer vectors, under it: nothing outside the repository is read), jar.path (the built jar).
# Every vector copy must match test/vectors/SHA256SUMS: a mismatch is listed and counted as one failure.
# TESTS="alipaymcp.tools.RefundToolTest alipaymcp.mcp.McpServerTest" runs only those classes (a focused run).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

fail() {
    echo "run-tests: $*" >&2
    exit 1
}

if [[ -n "${JAVA_HOME:-}" ]]; then
    JAVA="$JAVA_HOME/bin/java" JAVAC="$JAVA_HOME/bin/javac"
else
    JAVA=java JAVAC=javac
fi
readonly jar_path="$root/build/mcp-server-alipay.jar"
[[ -f "$jar_path" && -d build/classes ]] || fail "no build output; run ./build.sh first (make test does)"

# Not a process substitution: a failed hash check must stop the run here.
jar_list=$(bash test/harness/test-jars.sh) || fail "the test jars are not usable (see above)"
mapfile -t jars <<< "$jar_list"
[[ ${#jars[@]} -gt 0 ]] || fail "test/harness/test-jars.sh gave no jars"
launcher="" libs=""
for jar in "${jars[@]}"; do
    case "$(basename "$jar")" in
        junit-platform-console-standalone-*) launcher=$jar ;;
        *) libs="$libs:$jar" ;;
    esac
done
[[ -n "$launcher" ]] || fail "test-jars.lock names no junit-platform-console-standalone"

mapfile -t tests < <(find test/alipaymcp -type f -name '*.java' | LC_ALL=C sort)
mapfile -t resources < <(find test/alipaymcp -type f ! -name '*.java' | LC_ALL=C sort)
[[ ${#tests[@]} -gt 0 ]] || fail "no tests under test/alipaymcp"

rm -rf build/test-classes build/test-reports
mkdir -p build/test-classes
"$JAVAC" --release 17 -Xlint:all -Werror -encoding UTF-8 -proc:none -d build/test-classes \
    -cp "build/classes$libs:$launcher" "${tests[@]}" \
    || fail "test sources do not compile (errors above)"
# make fuzz, soak and bench are not run here, but they must still compile against src/, so that an API change
# cannot break them unseen (issue 15: removing JsonObject.size broke make fuzz until it was next run).
for harness in fuzz soak bench; do
    rm -rf "build/harness-check/$harness" && mkdir -p "build/harness-check/$harness"
    "$JAVAC" --release 17 -encoding UTF-8 -proc:none -d "build/harness-check/$harness" -cp build/classes \
        test/$harness/*.java || fail "test/$harness does not compile against src/ (errors above)"
done
for resource in "${resources[@]}"; do
    target="build/test-classes/${resource#test/}"
    mkdir -p "$(dirname "$target")"
    cp "$resource" "$target"
done

# sha256sum prints "FILE: FAILED" (or a read error) per bad copy; the tests still run, to show what it breaks.
# A vector file with no line in SHA256SUMS would go unchecked: that counts as a mismatch too.
vector_sums=ok
(cd test/vectors && sha256sum --quiet --strict -c SHA256SUMS) || vector_sums=bad
unlisted=$(cd test/vectors && find . -type f ! -name '*.md' ! -name SHA256SUMS | sed 's|^\./||' \
    | grep -vxF -f <(awk '{ print $2 }' SHA256SUMS) || true)
if [[ -n "$unlisted" ]]; then
    echo "run-tests: test/vectors/SHA256SUMS has no line for: "$unlisted >&2
    vector_sums=bad
fi

if [[ -n "${TESTS:-}" ]]; then
    selection=()
    for name in $TESTS; do selection+=(--select-class "$name"); done
else
    selection=(--scan-class-path build/test-classes --include-classname '.*')
fi

# --details=summary prints each failure with its stack trace, then the counts table we read below.
set +e
"$JAVA" -Drepo.dir="$root" -Djar.path="$jar_path" \
    -jar "$launcher" execute --disable-banner --disable-ansi-colors --details=summary \
    --class-path "build/test-classes:build/classes$libs" \
    "${selection[@]}" \
    --reports-dir build/test-reports 2>&1 | tee build/test-output.txt
launcher_status=${PIPESTATUS[0]}
set -e

# The summary table has lines like "[        12 tests successful      ]".
count() {
    awk -v what="$1" '$0 ~ "^\\[ *[0-9]+ " what " *\\]$" { n = $2 } END { print n + 0 }' build/test-output.txt
}
if ! grep -q 'tests successful' build/test-output.txt; then
    echo "run-tests: the launcher printed no summary (exit status $launcher_status); see the output above" >&2
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
fi
passed=$(count 'tests successful')
# A failed container (e.g. a throwing @BeforeAll) hides its tests from the counts: count it as a failure.
failed=$(($(count 'tests failed') + $(count 'containers failed')))
if [[ $vector_sums == bad ]]; then
    failed=$((failed + 1))
fi
# Aborted tests are failed assumptions: reported as skipped.
skipped=$(($(count 'tests skipped') + $(count 'tests aborted')))
if [[ $passed -eq 0 && $failed -eq 0 ]]; then
    echo "run-tests: no test ran; a test class needs at least one @Test method" >&2
elif [[ $failed -eq 0 && $launcher_status -ne 0 ]]; then
    echo "run-tests: the launcher exited with status $launcher_status; see the output above" >&2
fi
# The failures section names each failed test or container by its source, e.g.
# "MethodSource [className = 'alipaymcp.FooTest', methodName = 'bar', ...]" or "ClassSource [className = ...]".
awk '/^Failures \([0-9]+\):/ { on = 1; next }
    on && /^(Test run finished|\[ )/ { on = 0 }
    on && /MethodSource \[className = / { split($0, q, "\047"); print "failed: " q[2] "." q[4] }
    on && /ClassSource \[className = / { split($0, q, "\047"); print "failed: " q[2] " (the whole class)" }' \
    build/test-output.txt
if [[ $vector_sums == bad ]]; then
    echo "failed: test/vectors does not match its SHA256SUMS (copy the vector again from its source; see its README)"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 && $passed -gt 0 && $launcher_status -eq 0 ]]
