# Needs only a JDK for build and check; test also needs Maven once (or TEST_JARS_DIR); see test/harness/.
.PHONY: all build check test interop demo clean

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

clean:
	rm -rf build
