/**
 * The owner-only event log file: one key=value line per event, with redaction of secrets.
 * <p>May import: nothing of ours (JDK only).
 */
package alipaymcp.log;
