/**
 * The owner-only event log file ({@code EventLog}).
 * <p>May import: nothing of ours (JDK only).
 */
package alipaymcp.log;
