package alipaymcp.simulator;

import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For the replay fault: the last signed success each method gave about each out_trade_no, kept exactly as sent,
 * so it can be sent again as a replaying attacker would (a genuine answer about an earlier request of the same
 * order). Bounded: past {@link #MAX} entries nothing more is kept.
 */
final class Replays {
    static final int MAX = 30_000;

    private final Map<String, HttpReply> last = new ConcurrentHashMap<>();

    void remember(String method, Answer answer, HttpReply reply) {
        String outTradeNo = answer.content().string("out_trade_no").orElse(null);
        if (answer.signed() && reply.status() == 200 && !reply.cutMidBody() && outTradeNo != null
                && "10000".equals(answer.content().string("code").orElse(null))
                && (last.size() < MAX || last.containsKey(key(method, outTradeNo)))) {
            last.put(key(method, outTradeNo), reply);
        }
    }

    /** The earlier success about the order this request's biz_content names, or null. */
    HttpReply earlier(String method, String bizContent) {
        try {
            if (bizContent != null && JsonParser.parse(bizContent) instanceof JsonObject biz) {
                String outTradeNo = biz.string("out_trade_no").orElse(null);
                return outTradeNo == null ? null : last.get(key(method, outTradeNo));
            }
        } catch (alipaymcp.json.JsonException e) {
            return null; // not a request this fault can replay for; it is answered normally
        }
        return null;
    }

    private static String key(String method, String outTradeNo) {
        return method + '\n' + outTradeNo;
    }
}
