package alipaymcp.json;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JsonValue.toJson, the compact writer. */
class JsonValueTest {

    @Test
    void write_isCompactAndKeepsMemberOrder() {
        JsonObject value = JsonObject.builder().put("z", JsonNumber.of(1)).put("a", JsonArray.of(JsonNull.NULL,
                JsonBoolean.TRUE, JsonBoolean.FALSE, new JsonString("x"))).put("m", JsonObject.EMPTY).build();
        assertThat(value.toJson()).isEqualTo("{\"z\":1,\"a\":[null,true,false,\"x\"],\"m\":{}}");
    }

    @Test
    void write_keepsNumberTextExactly() {
        assertThat(JsonArray.of(new JsonNumber("9007199254740993"), new JsonNumber("1.50"), new JsonNumber("-0"),
                new JsonNumber("1E+400")).toJson()).isEqualTo("[9007199254740993,1.50,-0,1E+400]");
    }

    @Test
    void write_escapesQuoteAndBackslashButNotSlash() {
        assertThat(write("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
    }

    @Test
    void write_usesShortEscapesForCommonControls() {
        assertThat(write("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
    }

    @Test
    void write_escapesOtherControlsAsLowercaseHex() {
        assertThat(write("\u0000\u0001\u001f\u000b")).isEqualTo("\"\\u0000\\u0001\\u001f\\u000b\"");
    }

    @Test
    void write_escapesLineSeparators() {
        assertThat(write("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    }

    @Test
    void write_escapesLoneSurrogatesAsLowercaseHex() {
        assertThat(write("\ud800")).isEqualTo("\"\\ud800\"");
        assertThat(write("x\udfffy")).isEqualTo("\"x\\udfffy\"");
        assertThat(write("\udc00\ud83d")).isEqualTo("\"\\udc00\\ud83d\"");
        assertThat(write("\ud83d\ud83d\ude00")).isEqualTo("\"\\ud83d\ud83d\ude00\"");
    }

    @Test
    void write_keepsValidPairsAndNonAsciiRaw() {
        assertThat(write("支付宝 é 😀 \u007f \ufeff")).isEqualTo("\"支付宝 é 😀 \u007f \ufeff\"");
    }

    @Test
    void write_escapesMemberNames() {
        JsonObject value = JsonObject.builder().put("a\nb\"", JsonNumber.of(1)).build();
        assertThat(value.toJson()).isEqualTo("{\"a\\nb\\\"\":1}");
    }

    @Test
    void write_roundTripsThousandsOfRandomValues() throws JsonException {
        Random random = new Random(20240611L);
        for (int i = 0; i < 5000; i++) {
            JsonValue value = randomValue(random, 0);
            String text = value.toJson();
            assertThat(JsonParser.parse(text)).as(text).isEqualTo(value);
            assertNoRawLineBreakAndValidUtf8(text);
        }
    }

    @Test
    void write_isStableAfterParsingRandomlySpacedAndEscapedTexts() throws JsonException {
        Random random = new Random(7L);
        for (int i = 0; i < 2000; i++) {
            JsonValue value = randomValue(random, 0);
            StringBuilder sloppy = new StringBuilder();
            writeSloppy(value, random, sloppy);
            JsonValue parsed = JsonParser.parse(sloppy.toString());
            assertThat(parsed).as(sloppy.toString()).isEqualTo(value);
            assertThat(parsed.toJson()).isEqualTo(value.toJson());
        }
    }

    @Test
    void write_outputIsValidUtf8ForEveryChar() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xffff; c++) {
            all.append((char) c);
        }
        String text = write(all.toString());
        assertNoRawLineBreakAndValidUtf8(text);
        assertThat(text).doesNotContain("\u2028", "\u2029");
    }

    private static String write(String s) {
        return new JsonString(s).toJson();
    }

    private static void assertNoRawLineBreakAndValidUtf8(String text) {
        assertThat(text).doesNotContain("\n", "\r");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    /** Another valid JSON text for {@code value}: random whitespace, every char of a string as an escape. */
    private static void writeSloppy(JsonValue value, Random random, StringBuilder out) {
        out.append(" \t\r\n".repeat(random.nextInt(2)));
        if (value instanceof JsonObject object) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                out.append(separator).append(' ');
                writeEscapedString(member.getKey(), random, out);
                out.append("\n:");
                writeSloppy(member.getValue(), random, out);
                separator = ",";
            }
            out.append("\r\n}");
        } else if (value instanceof JsonArray array) {
            out.append('[');
            String separator = "";
            for (JsonValue element : array.elements()) {
                out.append(separator);
                writeSloppy(element, random, out);
                separator = "\t,";
            }
            out.append(" ]");
        } else if (value instanceof JsonString string) {
            writeEscapedString(string.value(), random, out);
        } else {
            out.append(value.toJson());
        }
        out.append(" ".repeat(random.nextInt(2)));
    }

    private static void writeEscapedString(String s, Random random, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            String hex = "000" + Integer.toHexString(s.charAt(i));
            hex = hex.substring(hex.length() - 4);
            out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
        }
        out.append('"');
    }

    /** A random value, at most 6 levels deep, with awkward strings and numbers. */
    static JsonValue randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 6 ? 5 : 7);
        switch (kind) {
            case 0:
                return JsonNull.NULL;
            case 1:
                return JsonBoolean.of(random.nextBoolean());
            case 2:
                return new JsonNumber(randomNumber(random));
            case 3:
            case 4:
                return new JsonString(randomString(random));
            case 5:
                List<JsonValue> elements = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    elements.add(randomValue(random, depth + 1));
                }
                return new JsonArray(elements);
            default:
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    members.put(randomString(random), randomValue(random, depth + 1));
                }
                return new JsonObject(members);
        }
    }

    static String randomNumber(Random random) {
        StringBuilder n = new StringBuilder();
        if (random.nextBoolean()) {
            n.append('-');
        }
        n.append(random.nextInt(4) == 0 ? "0" : Long.toString(1 + (random.nextLong() >>> 1 >>> random.nextInt(63))));
        if (random.nextBoolean()) {
            n.append('.').append(random.nextInt(3) == 0 ? "0" : "").append(random.nextInt(1_000_000));
        }
        if (random.nextInt(3) == 0) {
            n.append("eE".charAt(random.nextInt(2))).append(random.nextBoolean() ? "" : random.nextBoolean() ? "+"
                    : "-").append(random.nextInt(random.nextBoolean() ? 10 : 100_000));
        }
        return n.toString();
    }

    /** Mostly ASCII, with controls, quotes, backslashes, line separators, pairs and lone surrogates. */
    static String randomString(Random random) {
        int length = random.nextInt(12);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append("\"\\/\u2028\u2029\u007f".charAt(random.nextInt(6)));
                case 2 -> s.append((char) (0xd800 + random.nextInt(0x800)));
                case 3 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 4 -> s.append((char) (0x80 + random.nextInt(0xd800 - 0x80)));
                default -> s.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return s.toString();
    }
}
