package alipaymcp.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class JsonParserTest {

    @TestFactory
    Stream<DynamicTest> parse_acceptsOrRejectsEachListedCase() {
        return JsonCases.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            if (c.mustAccept()) {
                JsonValue value = JsonParser.parse(c.text());
                String written = value.toJson();
                assertThat(JsonParser.parse(written)).isEqualTo(value);
                assertThat(JsonParser.parse(written).toJson()).isEqualTo(written);
            } else {
                JsonException e = catchThrowableOfType(JsonException.class, () -> JsonParser.parse(c.text()));
                assertThat(e).as("must be rejected").isNotNull();
                assertSafeMessage(e);
            }
        }));
    }

    @Test
    void cases_coverEveryCategoryWithAtLeast100Cases() {
        List<JsonCases> cases = JsonCases.load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
        for (String prefix : List.of("y_array", "y_number", "y_object", "y_string", "y_structure", "n_array",
                "n_incomplete", "n_number", "n_object", "n_string", "n_structure", "i_number", "i_string",
                "i_object", "i_structure")) {
            assertThat(cases).as(prefix).anyMatch(c -> c.name().startsWith(prefix));
        }
        assertThat(cases).extracting(JsonCases::name).doesNotHaveDuplicates();
    }

    @Test
    void parse_buildsTheValueTypes() throws JsonException {
        JsonValue value = JsonParser.parse("{\"s\":\"x\",\"n\":-1.50,\"t\":true,\"f\":false,\"z\":null,\"a\":[1],\"o\":{}}");
        JsonObject expected = JsonObject.builder().put("s", "x").put("n", new JsonNumber("-1.50"))
                .put("t", JsonBoolean.TRUE).put("f", JsonBoolean.FALSE).put("z", JsonNull.NULL)
                .put("a", JsonArray.of(JsonNumber.of(1))).put("o", JsonObject.EMPTY).build();
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void parse_keepsNumberTextExactly() throws JsonException {
        JsonNumber big = (JsonNumber) JsonParser.parse("9007199254740993");
        assertThat(big.text()).as("not rounded through a double").isEqualTo("9007199254740993");
        assertThat(((JsonNumber) JsonParser.parse("0.10")).text()).isEqualTo("0.10");
        assertThat(((JsonNumber) JsonParser.parse("1E+400")).text()).isEqualTo("1E+400");
        assertThat(((JsonNumber) JsonParser.parse("-0")).text()).isEqualTo("-0");
        assertThat(((JsonNumber) JsonParser.parse("0.1")).toBigDecimal()).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void jsonNumber_acceptsExactlyTheLexemesTheCasesAccept() {
        List<JsonCases> numbers = JsonCases.load().stream().filter(c -> c.name().contains("_number_")).toList();
        assertThat(numbers).hasSizeGreaterThan(50);
        for (JsonCases c : numbers) {
            String lexeme = c.text().trim();
            if (lexeme.startsWith("[") && lexeme.endsWith("]")) {
                lexeme = lexeme.substring(1, lexeme.length() - 1).trim();
            }
            String candidate = lexeme;
            boolean accepted = catchThrowable(() -> new JsonNumber(candidate)) == null;
            assertThat(accepted).as(c.name() + ": " + lexeme).isEqualTo(c.mustAccept());
        }
        assertThatThrownBy(() -> new JsonNumber("01")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_keepsMemberOrder() throws JsonException {
        JsonObject object = (JsonObject) JsonParser.parse("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(object.members().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void parse_decodesEveryEscape() throws JsonException {
        assertThat(JsonParser.parse("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4E2D\\ud83d\\ude00z\""))
                .isEqualTo(new JsonString("a\"\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00z"));
    }

    @Test
    void parse_keepsLoneSurrogates() throws JsonException {
        assertThat(JsonParser.parse("\"\\ud800x\\udc00\"")).isEqualTo(new JsonString("\ud800x\udc00"));
        assertThat(JsonParser.parse("\"\\udc00\\ud800\"")).isEqualTo(new JsonString("\udc00\ud800"));
    }

    @Test
    void parse_rejectsDuplicateNames() {
        assertThatThrownBy(() -> JsonParser.parse("{\"id\":1,\"id\":2}"))
                .isInstanceOf(JsonException.class).hasMessageContaining("duplicate member name 'id'");
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":{\"b\":1,\"\\u0062\":2}}"))
                .isInstanceOf(JsonException.class).hasMessageContaining("duplicate member name 'b'");
    }

    @Test
    void parse_rejectsTrailingContent() {
        assertThatThrownBy(() -> JsonParser.parse("{} {}")).isInstanceOf(JsonException.class)
                .hasMessageStartingWith("unexpected '{' after the JSON value");
    }

    @Test
    void parse_rejectsByteOrderMark() {
        assertThatThrownBy(() -> JsonParser.parse("\ufeff{}")).isInstanceOf(JsonException.class)
                .hasMessageContaining("byte order mark");
    }

    @Test
    void parse_rejectsNullText() {
        assertThatThrownBy(() -> JsonParser.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void parse_reportsLineAndColumnAcrossNewlines() {
        JsonException e = parseError("{\n  \"a\": 1,\n  \"b\": tru\n}");
        assertThat(e).hasMessage("invalid literal 'tru'; expected true at line 3, column 8 (offset 19)");
    }

    @Test
    void parse_countsCrlfAsOneLineBreak() {
        assertThat(parseError("[1,\r\n2,\r\n x]").getMessage()).endsWith(" at line 3, column 2 (offset 10)");
    }

    @Test
    void parse_reportsFirstLineFirstColumnForEmptyInput() {
        JsonException e = parseError("");
        assertThat(e).hasMessage("empty input; expected a JSON value at line 1, column 1 (offset 0)");
    }

    @Test
    void parse_reportsEndOfInputPosition() {
        assertThat(parseError("[1,\n2").getMessage()).contains("found end of input")
                .endsWith(" at line 2, column 2 (offset 5)");
    }

    @Test
    void parse_pointsAtTheDuplicateName() {
        assertThat(parseError("{\"a\":1,\n \"a\":2}").getMessage()).endsWith(" at line 2, column 2 (offset 9)");
    }

    @Test
    void parse_pointsAtTheUnescapedControlCharacter() {
        assertThat(parseError("\"ab\tc\"").getMessage()).startsWith("unescaped control character U+0009 in a string")
                .contains("e.g. \\n or \\u0009").endsWith("(offset 3)");
    }

    @Test
    void parse_echoesAtMostTwentyCharsOfAToken() {
        String secret = "x".repeat(5000);
        for (String text : List.of("{\"" + secret + "\":1,\"" + secret + "\":2}", "[" + secret + "]",
                "[-1" + secret + "]", "\"\\u" + secret + "\"", "[1] " + secret, "{\"a\":1 " + secret + "}")) {
            JsonException e = parseError(text);
            assertThat(e.getMessage()).doesNotContain("x".repeat(21));
            assertSafeMessage(e);
        }
    }

    @Test
    void parse_neverEchoesRawControlCharacters() {
        assertThat(parseError("{\"a\\n\":1,\"a\\n\":2}").getMessage()).contains("'aU+000A'");
        assertThat(parseError("\"\\\n\"").getMessage()).doesNotContain("\n");
    }

    @Test
    void parse_rejects100000OpenBracketsQuicklyAndCleanly() {
        for (String open : List.of("[", "{\"a\":", "[{\"a\":")) {
            long start = System.nanoTime();
            JsonException e = parseError(open.repeat(100_000));
            assertThat(e.getMessage()).startsWith("nesting deeper than 512 levels");
            // Milliseconds when linear; a quadratic parse of 100,000 levels would take minutes. 10 s holds under load.
            assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
        }
    }

    @Test
    void parse_acceptsDepthExactlyAtTheLimit() throws JsonException {
        int limit = JsonParser.MAX_DEPTH;
        assertThat(JsonParser.parse("[".repeat(limit) + "]".repeat(limit))).isInstanceOf(JsonArray.class);
        assertThat(JsonParser.parse("{\"a\":".repeat(limit) + "1" + "}".repeat(limit))).isInstanceOf(JsonObject.class);
        assertThat(JsonParser.parse("[".repeat(500) + "]".repeat(500))).isInstanceOf(JsonArray.class);
    }

    @Test
    void parse_rejectsDepthOneBeyondTheLimit() {
        int depth = JsonParser.MAX_DEPTH + 1;
        JsonException e = parseError("[".repeat(depth) + "]".repeat(depth));
        assertThat(e.getMessage()).endsWith("(offset " + (depth - 1) + ")");
        assertThat(parseError("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getMessage())
                .startsWith("nesting deeper than 512 levels");
    }

    @Test
    void parse_honoursTheDepthLimitOnADefaultStackThread() throws Exception {
        int limit = JsonParser.MAX_DEPTH;
        String deepest = "[{\"a\":".repeat(limit / 2) + "1" + "}]".repeat(limit / 2);
        JsonValue[] parsed = new JsonValue[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                parsed[0] = JsonParser.parse(deepest);
                JsonParser.parse("[".repeat(limit + 1));
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        thread.join();
        assertThat(parsed[0]).as("a value exactly at the limit parses").isInstanceOf(JsonArray.class);
        assertThat(failure[0]).isInstanceOf(JsonException.class).hasMessageStartingWith("nesting deeper than");
    }

    @Test
    void parse_rejectsTextLongerThanEightMebichars() throws JsonException {
        String atLimit = "\"" + "a".repeat(JsonParser.MAX_LENGTH - 2) + "\"";
        assertThat(JsonParser.parse(atLimit)).isInstanceOf(JsonString.class);
        assertThatThrownBy(() -> JsonParser.parse(atLimit + " ")).isInstanceOf(JsonException.class)
                .hasMessage("text is longer than the limit of 8388608 chars; send a smaller message"
                        + " at line 1, column 8388609 (offset 8388608)");
    }

    static JsonException parseError(String text) {
        JsonException e = catchThrowableOfType(JsonException.class, () -> JsonParser.parse(text));
        assertThat(e).as("expected a JsonException").isNotNull();
        return e;
    }

    /** Short, one line, no raw control characters: safe to log or send back. */
    static void assertSafeMessage(JsonException e) {
        assertThat(e.getMessage()).hasSizeLessThan(200).matches(m -> m.chars().noneMatch(ch -> ch < 0x20),
                "has no control characters");
    }
}
