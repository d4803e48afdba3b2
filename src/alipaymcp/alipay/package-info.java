/**
 * The Alipay open-platform protocol: keys, request signing and sign content, response and notification
 * verification, page-pay URLs and the gateway client.
 * <p>May import: {@code json}.
 */
package alipaymcp.alipay;
