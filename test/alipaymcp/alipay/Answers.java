package alipaymcp.alipay;

import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonString;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: what a gateway answer used by a signature test is about. */
public final class Answers {
    private Answers() {
    }

    /**
     * The order (and refund request) that {@code text} itself names, read without verifying: the tests that use
     * this are about the signature, and the binding has tests of its own. "no-order" when the text names none
     * (a failure need not), since every trade answer must be bound to an order.
     */
    public static ResponseVerifier.Expected about(String method, String text) throws JsonException {
        if (!method.startsWith("alipay.trade.")) {
            return new ResponseVerifier.Expected(method, null, null); // no order to bind
        }
        return new ResponseVerifier.Expected(method, named(text, "out_trade_no", "no-order"),
                named(text, "out_request_no", null));
    }

    /** The first string value of {@code field} in {@code text}, JSON escapes (such as \/) decoded. */
    private static String named(String text, String field, String otherwise) throws JsonException {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")").matcher(text);
        return m.find() ? ((JsonString) JsonParser.parse(m.group(1))).value() : otherwise;
    }
}
