/**
 * Strict RFC 8259 JSON: the sealed {@code JsonValue} types with their compact writer, and a parser with
 * explicit limits.
 * <p>May import: nothing of ours (JDK only).
 */
package alipaymcp.json;
