# Needs only a JDK for build and check; test also needs Maven once (or TEST_JARS_DIR); see test/harness/.
.PHONY: all build check test interop demo fuzz soak bench dist dist-test clean

all: build

# The JDK 17 source launcher reads sources, and System.out/err write, in the platform encoding (ASCII under
# LANG=C or with no locale at all): every java run by make says UTF-8, so all targets work in any locale.
JAVA = java -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8

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
	$(JAVA) test/demo/Demo.java build/mcp-server-alipay.jar

# Mutation fuzzer over valid MCP sessions: 100,000 inputs or 5 minutes; FUZZ_ARGS="--seed N --inputs N --seconds N".
fuzz: build
	rm -rf build/fuzz && mkdir -p build/fuzz
	javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d build/fuzz -cp build/classes test/fuzz/*.java
	$(JAVA) -cp build/classes:build/fuzz Fuzz $(FUZZ_ARGS)

# 10,000 tool calls in one session, 32 in flight, against --simulator; prints the figures (at most 5 minutes).
soak: build
	$(JAVA) test/soak/Soak.java build/mcp-server-alipay.jar

# Performance figures against their floors (table on stdout, same in build/bench.json); about 3 minutes.
# Run it on an idle machine: the figures are ratios measured in one run.
bench: build
	$(JAVA) test/bench/Bench.java build/mcp-server-alipay.jar

# dist/: the versioned jar and its .sha256, an MCP Bundle (.mcpb) and server.json for the MCP Registry
# (docs/install.md). Needs Node 18+ and npm once, for the pinned MCPB CLI that validates the bundle.
dist: build
	bash dist-tools/dist.sh

# Builds dist/ twice (byte-identical), validates and unpacks the bundle, and starts the unpacked manifest's
# command with --simulator to list the five tools.
dist-test: build
	bash test/dist/run.sh

clean:
	rm -rf build dist
