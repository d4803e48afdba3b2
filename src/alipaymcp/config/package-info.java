/**
 * The validated configuration record and its loading from the environment, with every key parsed at start.
 * <p>May import: {@code alipay}, {@code json}.
 */
package alipaymcp.config;
