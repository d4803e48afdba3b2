package alipaymcp.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The accept/reject cases of test/alipaymcp/json/cases.txt; see the file's header for its format. */
record JsonCases(String verdict, String name, String text) {

    boolean mustAccept() {
        return verdict.equals("y") || verdict.equals("i+");
    }

    static List<JsonCases> load() {
        Path file = Path.of(System.getProperty("repo.dir", "."), "test", "alipaymcp", "json", "cases.txt");
        try {
            List<JsonCases> cases = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    cases.add(parseLine(line));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath()
                    + "; run the tests from the repository root or set -Drepo.dir", e);
        }
    }

    private static JsonCases parseLine(String line) {
        int first = line.indexOf(' ');
        int second = line.indexOf(' ', first + 1);
        String verdict = line.substring(0, first);
        if (!List.of("y", "n", "i+", "i-").contains(verdict)) {
            throw new IllegalArgumentException("bad verdict in case line: " + line);
        }
        String name = second < 0 ? line.substring(first + 1) : line.substring(first + 1, second);
        String text = second < 0 ? "" : decode(line.substring(second + 1));
        return new JsonCases(verdict, name, text);
    }

    /** Replaces each {@code <U+XXXX>} with that char. */
    static String decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("<U+", i) && i + 8 <= raw.length() && raw.charAt(i + 7) == '>') {
                out.append((char) Integer.parseInt(raw.substring(i + 3, i + 7), 16));
                i += 8;
            } else {
                out.append(raw.charAt(i++));
            }
        }
        return out.toString();
    }
}
