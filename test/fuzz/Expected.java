
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the client is owed, worked out from the input alone, framed as the server frames it (on \n, one
 * trailing \r dropped, strict UTF-8, the line limit, our parser): ids owed exactly one reply, ids sent
 * inside arrays (at most one), and ids a notifications/cancelled named (their reply may be suppressed).
 */
final class Expected {
    final Map<String, Integer> single = new HashMap<>();
    final Map<String, Integer> batched = new HashMap<>();
    final Set<String> cancelled = new HashSet<>();

    static Expected of(byte[] input) {
        Expected e = new Expected();
        int from = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                if (i > from || i < input.length) {
                    e.line(input, from, i);
                }
                from = i + 1;
            }
        }
        return e;
    }

    private void line(byte[] input, int from, int to) {
        if (to - from > Fuzz.MAX_LINE_BYTES) {
            return;
        }
        int end = to > from && input[to - 1] == '\r' ? to - 1 : to;
        JsonValue message;
        try {
            String text = strictUtf8(input, from, end - from);
            if (text.isEmpty()) {
                return;
            }
            message = JsonParser.parse(text);
        } catch (CharacterCodingException | JsonException ex) {
            return;
        }
        if (message instanceof JsonArray array) {
            array.elements().forEach(m -> count(m, batched));
        } else {
            count(message, single);
        }
    }

    private void count(JsonValue message, Map<String, Integer> into) {
        if (!(message instanceof JsonObject o)) {
            return;
        }
        if (o.get("method") instanceof JsonString m && m.value().equals("notifications/cancelled")
                && o.get("params") instanceof JsonObject p && isId(p.get("requestId"))) {
            cancelled.add(p.get("requestId").toJson());
        }
        boolean response = !o.has("method") && (o.has("result") || o.has("error"));
        if (isId(o.get("id")) && !response) {
            into.merge(o.get("id").toJson(), 1, Integer::sum);
        }
    }

    /** The bytes as text, or an exception at the first malformed or unmappable sequence (as the server reads). */
    static String strictUtf8(byte[] bytes, int from, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, length)).toString();
    }

    static boolean isId(JsonValue id) {
        return id instanceof JsonString || id instanceof JsonNumber n && n.isIntegerLexeme();
    }
}
