/**
 * A local double of the Alipay gateway and its cashier page, for demos and tests; the only package that
 * uses {@code com.sun.net.httpserver}.
 * <p>May import: {@code alipay}, {@code json}. Only the root package ({@code Main}) may import this one.
 */
package alipaymcp.simulator;
