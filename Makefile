# Needs only a JDK for build and check; test also needs Maven once (or TEST_JARS_DIR); see test/harness/.
.PHONY: all build check test interop demo fuzz soak bench clean

all: build

build:
	./build.sh

# Two clean builds must give byte-identical jars; each build also runs the jdeps module check.
check:
	bash test/harness/check-reproducible.sh

# Last line: "N passed, N failed, N skipped".
test: build
	bash test/harness/run-tests.sh

# Drives the jar with real MCP clients (test/interop/run.sh).
interop: build
	bash test/interop/run.sh
	bash test/browser/run.sh

# The whole flow against the built-in simulator, as a newcomer would see it; needs only a JDK.
demo: build
	java test/demo/Demo.java build/mcp-server-alipay.jar

# Mutation fuzzer over valid MCP sessions: 100,000 inputs or 5 minutes; FUZZ_ARGS="--seed N --inputs N --seconds N".
fuzz: build
	rm -rf build/fuzz && mkdir -p build/fuzz
	javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d build/fuzz -cp build/classes test/fuzz/*.java
	java -cp build/classes:build/fuzz Fuzz $(FUZZ_ARGS)

# 10,000 tool calls in one session, 32 in flight, against --simulator; prints the figures (at most 5 minutes).
soak: build
	java test/soak/Soak.java build/mcp-server-alipay.jar

# Performance figures against their floors (table on stdout, same in build/bench.json); about 3 minutes.
# Run it on an idle machine: the figures are ratios measured in one run.
bench: build
	java test/bench/Bench.java build/mcp-server-alipay.jar

clean:
	rm -rf build
