package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every source file under src/alipaymcp and checks the package rules written in each
 * package-info.java: which of our packages a package may use (through imports, static imports or fully
 * qualified names), who may touch com.sun.net.httpserver and the simulator, and the file size limit.
 * Comments and string literals are blanked out first, so prose that names a package is not a use of it.
 */
class ArchitectureTest {

    /** Our packages below {@code alipaymcp} and the ones each may use. The root package may use all. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "json", Set.of(),
            "log", Set.of(),
            "alipay", Set.of("json"),
            "config", Set.of("alipay", "json"),
            "tools", Set.of("alipay", "config", "json", "log"),
            "mcp", Set.of("json", "tools"),
            "simulator", Set.of("alipay", "json"));

    /** The MCP layer knows tools only through Tool (and the types nested in it: ToolResult, CallContext). */
    private static final Set<String> MCP_MAY_USE_FROM_TOOLS = Set.of("Tool");

    private static final int MAX_LINES = 400;

    /** {@code alipaymcp.<first>.<second>} not preceded by another name part; second may be {@code *}. */
    private static final Pattern OUR_REFERENCE =
            Pattern.compile("(?<![\\w$.])alipaymcp\\s*\\.\\s*([\\w$]+|\\*)(?:\\s*\\.\\s*([\\w$]+|\\*))?");

    private static final Pattern HTTP_SERVER =
            Pattern.compile("(?<![\\w$.])com\\s*\\.\\s*sun\\s*\\.\\s*net\\s*\\.\\s*httpserver\\b");

    private static final Pattern PACKAGE_DECLARATION = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** The "May import:" sentence of a package-info.java, up to the end of its comment or paragraph. */
    private static final Pattern MAY_IMPORT = Pattern.compile("May import:(.*?)(?:\\*/|<p>)", Pattern.DOTALL);

    private static final Pattern CODE = Pattern.compile("\\{@code (\\w+)\\}");

    private static final Path SOURCE_ROOT =
            Path.of(System.getProperty("repo.dir", ".")).toAbsolutePath().normalize().resolve("src/alipaymcp");

    @Test
    void sourceTree_isFound() {
        assertThat(sourceFiles()).as("java files under %s (set -Drepo.dir)", SOURCE_ROOT).isNotEmpty();
    }

    @Test
    void packages_useOnlyTheirAllowedDependencies() {
        List<String> violations = new ArrayList<>();
        sourceFiles().forEach((path, source) -> violations.addAll(violations(path, source)));
        assertThat(violations).as("package rule violations (see the package-info.java of each package)").isEmpty();
    }

    @Test
    void sourceFiles_haveAtMost400Lines() {
        List<String> tooLong = sourceFiles().entrySet().stream()
                .filter(file -> file.getValue().lines().count() > MAX_LINES)
                .map(file -> file.getKey() + " has " + file.getValue().lines().count() + " lines")
                .collect(Collectors.toList());
        assertThat(tooLong).as("files over %d lines; split them by concept", MAX_LINES).isEmpty();
    }

    @Test
    void everyPackage_isKnownAndHasPackageInfo() throws IOException {
        try (Stream<Path> children = Files.list(SOURCE_ROOT)) {
            List<String> problems = new ArrayList<>();
            children.filter(Files::isDirectory).sorted().forEach(dir -> {
                String name = dir.getFileName().toString();
                if (!ALLOWED.containsKey(name)) {
                    problems.add("alipaymcp." + name + " is not in ArchitectureTest.ALLOWED; add its rule there");
                }
                if (!Files.isRegularFile(dir.resolve("package-info.java"))) {
                    problems.add("alipaymcp." + name + " has no package-info.java stating what it may import");
                }
            });
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void packageInfo_statesTheRuleThisTestEnforces() {
        List<String> mismatches = new ArrayList<>();
        ALLOWED.forEach((name, allowed) -> {
            Matcher sentence = MAY_IMPORT.matcher(read(SOURCE_ROOT.resolve(name).resolve("package-info.java")));
            Set<String> stated = new TreeSet<>();
            Matcher code = CODE.matcher(sentence.find() ? sentence.group(1) : "");
            while (code.find()) {
                if (ALLOWED.containsKey(code.group(1))) {
                    stated.add(code.group(1));
                }
            }
            if (!stated.equals(allowed)) {
                mismatches.add("alipaymcp." + name + ": its package-info.java says it may import " + stated
                        + ", ArchitectureTest.ALLOWED says " + new TreeSet<>(allowed));
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void checker_reportsImportOfAForbiddenPackage() {
        String source = "package alipaymcp.json;\nimport alipaymcp.tools.Tool;\nclass A {}\n";
        assertThat(violations("json/A.java", source))
                .containsExactly("json/A.java:2: alipaymcp.json may not use alipaymcp.tools.Tool");
    }

    @Test
    void checker_reportsStaticImportAndFullyQualifiedName() {
        String source = "package alipaymcp.alipay;\nimport static alipaymcp.log.EventLog.write;\n"
                + "class A { alipaymcp.config.Config c; }\n";
        assertThat(violations("alipay/A.java", source)).containsExactly(
                "alipay/A.java:2: alipaymcp.alipay may not use alipaymcp.log.EventLog",
                "alipay/A.java:3: alipaymcp.alipay may not use alipaymcp.config.Config");
    }

    @Test
    void checker_letsMcpUseOnlyToolAndItsNestedTypes() {
        String allowed = "package alipaymcp.mcp;\nimport alipaymcp.tools.Tool;\nimport alipaymcp.tools.Tool.ToolResult;\n";
        assertThat(violations("mcp/A.java", allowed)).isEmpty();
        String wider = "package alipaymcp.mcp;\nimport alipaymcp.tools.Money;\nimport alipaymcp.tools.*;\n";
        assertThat(violations("mcp/A.java", wider)).hasSize(2);
    }

    @Test
    void checker_reportsHttpServerOutsideSimulator() {
        String source = "package alipaymcp.tools;\nimport com.sun.net.httpserver.HttpServer;\n";
        assertThat(violations("tools/A.java", source))
                .containsExactly("tools/A.java:2: only alipaymcp.simulator may use com.sun.net.httpserver");
        String simulator = "package alipaymcp.simulator;\nimport com.sun.net.httpserver.HttpServer;\n";
        assertThat(violations("simulator/A.java", simulator)).isEmpty();
    }

    @Test
    void checker_letsOnlyTheRootPackageUseTheSimulator() {
        String tools = "package alipaymcp.tools;\nimport alipaymcp.simulator.Simulator;\n";
        assertThat(violations("tools/A.java", tools)).hasSize(1);
        String root = "package alipaymcp;\nimport alipaymcp.simulator.Simulator;\nimport alipaymcp.mcp.McpServer;\n";
        assertThat(violations("Main.java", root)).isEmpty();
    }

    @Test
    void checker_ignoresCommentsAndStrings() {
        String source = "package alipaymcp.json;\n// see alipaymcp.tools.Tool\n/** {@link alipaymcp.mcp.X} */\n"
                + "class A { String s = \"alipaymcp.log.X \\\" com.sun.net.httpserver\"; char c = '\"'; }\n"
                + "/* alipaymcp.alipay.Y */ class B {}\n";
        assertThat(violations("json/A.java", source)).isEmpty();
    }

    @Test
    void checker_reportsPackageThatDoesNotMatchItsFolder() {
        assertThat(violations("json/A.java", "package alipaymcp.tools;\n"))
                .containsExactly("json/A.java:1: declares package alipaymcp.tools but sits in alipaymcp.json");
    }

    /** Every .java file under src/alipaymcp, keyed by its path relative to that folder, sorted. */
    private static Map<String, String> sourceFiles() {
        try (Stream<Path> paths = Files.walk(SOURCE_ROOT)) {
            Map<String, String> files = new TreeMap<>();
            paths.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.put(
                    SOURCE_ROOT.relativize(p).toString().replace('\\', '/'), read(p)));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + SOURCE_ROOT + " (set -Drepo.dir to the repo root)", e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Rule violations of one file; {@code path} is relative to src/alipaymcp, e.g. {@code mcp/McpServer.java}. */
    static List<String> violations(String path, String source) {
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
        String ownName = folder.isEmpty() ? "alipaymcp" : "alipaymcp." + folder;
        String own = folder.isEmpty() ? "" : folder.split("\\.")[0];
        String code = blankCommentsAndStrings(source);
        List<String> found = new ArrayList<>();
        Matcher declaration = PACKAGE_DECLARATION.matcher(code);
        int declarationAt = declaration.find() ? declaration.start(1) : -1;
        if (declarationAt >= 0 && !declaration.group(1).equals(ownName)) {
            found.add(path + ":" + lineOf(code, declarationAt) + ": declares package "
                    + declaration.group(1) + " but sits in " + ownName);
        }
        Matcher reference = OUR_REFERENCE.matcher(code);
        while (reference.find()) {
            String target = reference.group(1);
            String type = reference.group(2) == null ? "" : reference.group(2);
            if (reference.start() != declarationAt && !mayUse(own, target, type)) {
                found.add(path + ":" + lineOf(code, reference.start()) + ": " + ownName + " may not use alipaymcp."
                        + target + (type.isEmpty() ? "" : "." + type));
            }
        }
        Matcher httpServer = HTTP_SERVER.matcher(code);
        while (!own.equals("simulator") && httpServer.find()) {
            found.add(path + ":" + lineOf(code, httpServer.start()) + ": only alipaymcp.simulator may use com.sun.net.httpserver");
        }
        return found;
    }

    /** Whether package {@code own} ("" for the root) may use {@code alipaymcp.target[.type]}. */
    private static boolean mayUse(String own, String target, String type) {
        if (own.isEmpty() || own.equals(target)) {
            return true;
        }
        // A name that does not start lower-case is a class in the root package (alipaymcp.Main), or a wildcard.
        if (!Character.isLowerCase(target.charAt(0))) {
            return false;
        }
        Set<String> allowed = ALLOWED.getOrDefault(own, Set.of());
        if (own.equals("mcp") && target.equals("tools")) {
            return MCP_MAY_USE_FROM_TOOLS.contains(type);
        }
        return allowed.contains(target);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The source with comments, string, text block and char literals replaced by spaces; newlines kept. */
    static String blankCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            String end = null;
            if (source.startsWith("//", i)) {
                end = "\n";
            } else if (source.startsWith("/*", i)) {
                end = "*/";
            } else if (source.startsWith("\"\"\"", i)) {
                end = "\"\"\"";
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                end = String.valueOf(source.charAt(i));
            }
            if (end == null) {
                i++;
                continue;
            }
            int j = i + (end.equals("\n") || end.equals("*/") ? 2 : end.length());
            while (j < source.length() && !source.startsWith(end, j)) {
                j += source.charAt(j) == '\\' && !end.equals("\n") && !end.equals("*/") ? 2 : 1;
            }
            int stop = Math.min(source.length(), end.equals("\n") ? j : j + end.length());
            for (int k = i; k < stop; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = stop;
        }
        return out.toString();
    }
}
