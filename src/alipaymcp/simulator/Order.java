package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a page-pay request asked for, after validation.
 *
 * @param method         alipay.trade.wap.pay or alipay.trade.page.pay
 * @param signType       the request's sign type; the return and the notification are signed with it
 * @param notifyUrl      null when absent
 * @param returnUrl      null when absent
 * @param body           null when absent
 * @param passbackParams null when absent; echoed in the notification, as Alipay does
 */
record Order(String outTradeNo, BigDecimal totalAmount, String subject, String body, String method,
        SignType signType, String notifyUrl, String returnUrl, String passbackParams) {
    Order {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(totalAmount, "totalAmount");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(signType, "signType");
    }
}
