package alipaymcp.simulator;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The injected faults, per Alipay method name; "*" stands for every method without its own fault. */
final class Faults {
    static final String ANY = "*";
    private static final int MAX_METHOD_LENGTH = 128;

    private final Map<String, Fault> byMethod = new ConcurrentHashMap<>();

    void inject(String method, Fault fault) {
        if (method == null || method.isEmpty() || method.length() > MAX_METHOD_LENGTH) {
            throw new IllegalArgumentException("method must be an Alipay method name such as alipay.trade.refund, "
                    + "or * for all, of at most " + MAX_METHOD_LENGTH + " characters");
        }
        byMethod.put(method, Objects.requireNonNull(fault, "fault"));
    }

    void clear() {
        byMethod.clear();
    }

    /** The fault for this method, or null. */
    Fault forMethod(String method) {
        Fault own = method == null ? null : byMethod.get(method);
        return own != null ? own : byMethod.get(ANY);
    }
}
