package alipaymcp.json;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * Strict RFC 8259 parser with limits on nesting depth and text length. Rejects duplicate member
 * names, trailing content, comments, NaN/Infinity, leading zeros and unescaped control characters;
 * keeps numbers as their exact text, and lone surrogates from backslash-u escapes as they are.
 * An instance only holds its limits, so one may be shared between threads.
 */
public final class JsonParser {
    /** Deepest nesting of arrays and objects accepted by default. */
    static final int DEFAULT_MAX_DEPTH = 512;
    /** Longest text accepted by default, in chars (8 MiB). */
    static final int DEFAULT_MAX_LENGTH = 8 * 1024 * 1024;
    /**
     * Highest depth limit a caller may set. The parser recurses once per level; measured on JDK 17,
     * a default 1 MiB thread stack holds about 1,300 nested objects, so this keeps a margin.
     */
    static final int MAX_DEPTH_LIMIT = 1_000;

    private static final JsonParser DEFAULT = new JsonParser(DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH);

    private final int maxDepth;
    private final int maxLength;

    JsonParser(int maxDepth, int maxLength) {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be 1.." + MAX_DEPTH_LIMIT + ", was " + maxDepth);
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative, was " + maxLength);
        }
        this.maxDepth = maxDepth;
        this.maxLength = maxLength;
    }

    /** Parses one JSON text with the default limits. */
    public static JsonValue parse(String text) throws JsonException {
        return DEFAULT.parseValue(text);
    }

    /** Parses one JSON text: one value, optionally surrounded by whitespace. */
    JsonValue parseValue(String text) throws JsonException {
        return new JsonReader(checkLength(text), maxDepth).readDocument();
    }

    /**
     * Parses {@code text} strictly (default limits); the top level must be an object. Returns, in
     * source order, each top-level member name and the span of its value's raw source text.
     */
    public static Map<String, Span> memberSpans(String text) throws JsonException {
        JsonReader reader = new JsonReader(DEFAULT.checkLength(text), DEFAULT.maxDepth);
        return Collections.unmodifiableMap(reader.readMemberSpans());
    }

    private String checkLength(String text) throws JsonException {
        Objects.requireNonNull(text, "text");
        if (text.length() > maxLength) {
            throw ParseErrors.error(text, maxLength, "text is longer than the limit of " + maxLength
                    + " chars; send a smaller message");
        }
        return text;
    }
}
