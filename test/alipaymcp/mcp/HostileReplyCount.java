package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts, independently of the server's code, the requests a client sent and the replies it got, by id
 * (the id's JSON text, so 1 and "1" differ). An object line with a string or integer id that is not a
 * response (no method, but a result or an error) must get exactly one reply, whatever else is wrong with
 * it; such a message inside an array at most one (whether a batch is served depends on the revision); no reply may carry an id that was never sent.
 * Lines are framed as the server frames them: on \n, one trailing \r dropped, strict UTF-8, length limit.
 */
final class HostileReplyCount {
    private final int maxLineBytes;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Map<String, Integer> single = new HashMap<>();
    private final Map<String, Integer> batched = new HashMap<>();
    private final Map<String, Integer> replies = new HashMap<>();

    HostileReplyCount(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Bytes written to the server's stdin. */
    void sent(byte[] bytes) {
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, from, i - from);
                line(partial.toByteArray());
                partial.reset();
                from = i + 1;
            }
        }
        partial.write(bytes, from, bytes.length - from);
    }

    /** Stdin closed: a last line without its newline is still a line. */
    void end() {
        if (partial.size() > 0) {
            line(partial.toByteArray());
            partial.reset();
        }
    }

    private void line(byte[] bytes) {
        if (bytes.length > maxLineBytes) {
            return;
        }
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        JsonValue message;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            message = JsonParser.parse(text);
        } catch (CharacterCodingException | JsonException e) {
            return;
        }
        if (message instanceof JsonArray array) {
            for (JsonValue element : array.elements()) {
                countRequest(element, batched);
            }
        } else {
            countRequest(message, single);
        }
    }

    private static void countRequest(JsonValue message, Map<String, Integer> into) {
        boolean response = message instanceof JsonObject o && !o.has("method") && (o.has("result") || o.has("error"));
        if (message instanceof JsonObject o && isId(o.get("id")) && !response) {
            into.merge(o.get("id").toJson(), 1, Integer::sum);
        }
    }

    private static boolean isId(JsonValue id) {
        return id instanceof JsonString || id instanceof JsonNumber n && n.isIntegerLexeme();
    }

    /** One output line: must be a JSON-RPC response or a non-empty array of them. */
    void received(String line, String where) {
        JsonValue value;
        try {
            value = JsonParser.parse(line);
        } catch (JsonException e) {
            throw new AssertionError(where + ": output is not JSON: " + e.getMessage());
        }
        if (value instanceof JsonArray array) {
            assertThat(array.elements().size()).as(where + ": a batch reply is never empty").isPositive();
            for (JsonValue element : array.elements()) {
                response(element, where);
            }
        } else {
            response(value, where);
        }
    }

    private void response(JsonValue value, String where) {
        if (!(value instanceof JsonObject o)) {
            fail(where + ": a reply must be an object: " + value.toJson());
            return;
        }
        assertThat(o.string("jsonrpc")).as(where + ": jsonrpc").contains("2.0");
        assertThat(o.has("id")).as(where + ": a reply has an id").isTrue();
        assertThat(o.has("result") != o.has("error")).as(where + ": exactly one of result and error").isTrue();
        assertThat(o.members()).as(where + ": no other member").hasSize(3);
        if (o.has("result")) {
            assertThat(o.get("result")).as(where + ": result is an object").isInstanceOf(JsonObject.class);
        } else {
            JsonObject error = o.object("error").orElseThrow(() -> new AssertionError(where + ": error is an object"));
            assertThat(error.get("code")).as(where + ": error code")
                    .isInstanceOfSatisfying(JsonNumber.class, n -> assertThat(n.isIntegerLexeme()).isTrue());
            assertThat(error.get("message")).as(where + ": error message").isInstanceOf(JsonString.class);
        }
        JsonValue id = o.get("id");
        if (isId(id)) {
            replies.merge(id.toJson(), 1, Integer::sum);
        }
    }

    /** Every request line answered exactly once, every batched request at most once, no reply to an unsent id. */
    void check(String where) {
        for (Map.Entry<String, Integer> request : single.entrySet()) {
            int got = replies.getOrDefault(request.getKey(), 0);
            int inBatches = batched.getOrDefault(request.getKey(), 0);
            assertThat(got).as(where + ": replies to id " + abbreviate(request.getKey()))
                    .isBetween(request.getValue(), request.getValue() + inBatches);
        }
        for (Map.Entry<String, Integer> reply : replies.entrySet()) {
            int sent = single.getOrDefault(reply.getKey(), 0) + batched.getOrDefault(reply.getKey(), 0);
            assertThat(reply.getValue()).as(where + ": replies to id " + abbreviate(reply.getKey())
                    + " (sent " + sent + " times)").isLessThanOrEqualTo(sent);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
