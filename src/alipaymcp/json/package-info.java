/**
 * Strict RFC 8259 JSON: the sealed {@code JsonValue} types, a parser with explicit limits that can report
 * the exact source span of a member's value, and a compact writer.
 * <p>May import: nothing of ours (JDK only).
 */
package alipaymcp.json;
